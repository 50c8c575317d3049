using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace Infra.Policies.Tests;

public sealed class CfnTests
{
    [Fact]
    public void Items_of_a_single_value_inside_a_document_is_that_value()
    {
        var statement = JsonNode.Parse("""{ "Action": "s3:GetObject", "Principal": { "AWS": "*" } }""")!.AsObject();

        Assert.Equal(["s3:GetObject"], Cfn.Strings(statement["Action"]));
        Assert.Equal(["AWS:*"], Cfn.Principals(statement));
    }

    [Fact]
    public void Items_of_a_list_is_its_items_and_of_null_is_nothing()
    {
        Assert.Equal(["a", "b"], Cfn.Strings(JsonNode.Parse("""["a", "b"]""")));
        Assert.Empty(Cfn.Items(null));
        Assert.Single(Cfn.Items(JsonNode.Parse("""{ "Ref": "X" }""")).ToList());
    }
}
