using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Infra.Stacks.Preview;
using Infra.Stacks.Tests.Environments;
using Xunit;

namespace Infra.Stacks.Tests.Preview;

/// <summary>
/// Pins <see cref="EksClusterHandler"/> to the cluster provider's handler that aws-cdk-lib bundles into the assembly:
/// when a CDK upgrade changes which updates replace the cluster, this fails and the preview's rules get revisited.
/// </summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class EksClusterHandlerPinTests
{
    private readonly string _handler;

    public EksClusterHandlerPinTests(SynthesizedEnvironments environments)
    {
        var candidates = Directory.EnumerateDirectories(environments.OutDir, "asset.*")
            .Select(d => Path.Combine(d, "index.js"))
            .Where(File.Exists)
            .Select(File.ReadAllText)
            .Where(source => source.Contains("Cannot update cluster encryption configuration", StringComparison.Ordinal))
            .ToList();
        _handler = Assert.Single(candidates);
    }

    [Fact]
    public void Replaces_the_cluster_on_a_new_name_role_or_creator_admin_setting_and_nothing_else()
    {
        var replace = Regex.Match(_handler, @"if\((\w+)\.replaceName\|\|\1\.replaceRole\|\|\1\.updateBootstrapClusterCreatorAdminPermissions\)\{if\(this\.oldProps\.name===this\.newProps\.name&&this\.oldProps\.name\)throw new Error\([^)]*\);return this\.onCreate\(\)\}");
        Assert.True(replace.Success, "onUpdate no longer replaces on exactly name, role and bootstrapClusterCreatorAdminPermissions");
        Assert.Equal(3, Regex.Count(_handler, @"return this\.onCreate\(\)")); // on Create, this one, and the Fargate profile's update
        Assert.Matches(@"replaceName:(\w+)\.name!==(\w+)\.name", _handler);
        Assert.Matches(@"replaceRole:(\w+)\.roleArn!==(\w+)\.roleArn", _handler);
        Assert.Matches(@"updateBootstrapClusterCreatorAdminPermissions:JSON\.stringify\((\w+)\.bootstrapClusterCreatorAdminPermissions\)", _handler);
        Assert.Equal(["Config.name", "Config.roleArn", "Config.accessConfig.bootstrapClusterCreatorAdminPermissions"], EksClusterHandler.ReplacingPaths);
    }

    [Fact]
    public void Refuses_an_encryption_change()
    {
        Assert.Matches(@",\w+\.updateEncryption\)throw new Error\(""Cannot update cluster encryption configuration""\)", _handler);
        Assert.Matches(@"updateEncryption:JSON\.stringify\(\w+\)!==JSON\.stringify\(\w+\)", _handler);
        Assert.Equal(["Config.encryptionConfig"], EksClusterHandler.RefusedPaths);
    }
}
