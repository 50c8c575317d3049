namespace Infra.Stacks.Configuration;

/// <summary>How the delivery pipeline reaches the environment's account.</summary>
public sealed record DeploymentConfig
{
    /// <summary>
    /// The IAM role the deploy workflow assumes through GitHub's OIDC provider (no stored keys); it must live in the
    /// environment's account and may assume the CDK bootstrap roles there.
    /// </summary>
    public required string RoleArn { get; init; }
}
