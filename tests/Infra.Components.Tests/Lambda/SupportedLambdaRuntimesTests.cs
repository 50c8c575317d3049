using System.Linq;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.Lambda;
using Infra.Components.Lambda;
using Infra.Components.Storage;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Lambda;

[Collection(CdkCollection.Name)]
public sealed class SupportedLambdaRuntimesTests
{
    [Fact]
    public void Moves_the_cdks_own_provider_functions_to_nodejs24()
    {
        var stack = TestApp.Stack();
        new LifecycleBucket(stack, "Scratch", new LifecycleBucketProps { RemovalPolicy = RemovalPolicy.DESTROY, AutoDeleteObjects = true });
        var before = Template.FromStack(stack).ToJsonObject().Single("AWS::Lambda::Function");
        Assert.Equal("nodejs20.x", (string?)before["Properties"]!["Runtime"]);

        var stack2 = TestApp.Stack();
        new LifecycleBucket(stack2, "Scratch", new LifecycleBucketProps { RemovalPolicy = RemovalPolicy.DESTROY, AutoDeleteObjects = true });
        Aspects.Of(stack2).Add(new SupportedLambdaRuntimes());
        var after = Template.FromStack(stack2).ToJsonObject().Single("AWS::Lambda::Function");
        Assert.Equal("nodejs24.x", (string?)after["Properties"]!["Runtime"]);
    }

    [Theory]
    [InlineData("nodejs18.x", "nodejs24.x")]
    [InlineData("nodejs20.x", "nodejs24.x")]
    [InlineData("nodejs22.x", "nodejs24.x")]
    [InlineData("nodejs24.x", "nodejs24.x")]
    [InlineData("python3.13", "python3.13")]
    public void Replaces_only_outdated_node_runtimes_on_functions(string runtime, string expected)
    {
        var stack = TestApp.Stack();
        new CfnFunction(stack, "Fn", new CfnFunctionProps
        {
            Runtime = runtime,
            Handler = "index.handler",
            Role = $"arn:aws:iam::{TestApp.Account}:role/fn",
            Code = new CfnFunction.CodeProperty { ZipFile = "exports.handler = async () => ({});" },
        });
        Aspects.Of(stack).Add(new SupportedLambdaRuntimes());
        var function = Template.FromStack(stack).ToJsonObject().Resources("AWS::Lambda::Function").Values.Single();
        Assert.Equal(expected, (string?)function["Properties"]!["Runtime"]);
    }
}
