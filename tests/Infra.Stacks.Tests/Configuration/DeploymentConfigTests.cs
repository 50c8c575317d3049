using System;
using System.IO;
using Infra.Stacks.Configuration;
using Infra.TestKit;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

public sealed class DeploymentConfigTests
{
    [Fact]
    public void Loads_the_deploy_role() =>
        Assert.Equal("arn:aws:iam::333333333333:role/infra-github-deploy", EnvironmentConfigLoader.Load(Prod, "prod.yaml").Deployment.RoleArn);

    [Theory]
    [InlineData("  roleArn: infra-github-deploy", "dev.yaml:80: deployment.roleArn: 'infra-github-deploy' is not an IAM role ARN; use arn:aws:iam::<12-digit account>:role/<name>, the role GitHub Actions assumes with OIDC.")]
    [InlineData("  roleArn: arn:aws:iam::222222222222:role/infra-github-deploy", "dev.yaml:80: deployment.roleArn: 'arn:aws:iam::222222222222:role/infra-github-deploy' is in account 222222222222, not the environment's account 111111111111; deploy with a role in the account the stacks deploy to.")]
    public void Rejects_a_role_that_is_not_a_role_of_the_account(string replacement, string expected) =>
        Assert.Equal(expected, Assert.Single(Problems(Replace(Dev, "  roleArn: arn:aws:iam::111111111111:role/infra-github-deploy", replacement), "dev.yaml")));

    [Fact]
    public void Requires_the_deployment_block() =>
        Assert.Contains(Problems(RemoveBlock(Dev, "deployment:"), "dev.yaml"), p => p.Contains("deployment", StringComparison.Ordinal));

    [Fact]
    public void Prints_what_the_deploy_workflow_needs_from_the_real_file()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        Assert.Equal(0, Program.PrintDeployTarget(RepoPaths.ConfigDirectory, "prod", output, errors));

        Assert.Equal(
            "environment=prod\nstacks=Prod/*\naccount=333333333333\nregion=us-east-1\nrole-arn=arn:aws:iam::333333333333:role/infra-github-deploy\n",
            output.ToString().ReplaceLineEndings("\n"));
        Assert.Empty(errors.ToString());
    }

    [Fact]
    public void Refuses_an_unknown_environment_and_an_invalid_file()
    {
        var config = Directory.CreateTempSubdirectory("infra-deploy-target-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(config, "dev.yaml"), Replace(Dev, "  roleArn: arn:aws:iam::111111111111:role/infra-github-deploy", "  roleArn: nope"));
            using var output = new StringWriter();
            using var errors = new StringWriter();

            Assert.Equal(2, Program.PrintDeployTarget(config, "qa", output, errors));
            Assert.Equal(1, Program.PrintDeployTarget(config, "dev", output, errors));

            Assert.Empty(output.ToString());
            Assert.Contains($"unknown environment 'qa'; use one of dev (the files in {config}).", errors.ToString(), StringComparison.Ordinal);
            Assert.Contains("dev.yaml:80: deployment.roleArn: 'nope' is not an IAM role ARN", errors.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }
}
