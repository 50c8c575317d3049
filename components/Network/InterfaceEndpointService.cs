using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Components.Network;

/// <summary>
/// An AWS service reached through an interface VPC endpoint, named by its endpoint short name
/// (<c>com.amazonaws.&lt;region&gt;.&lt;name&gt;</c>). The well-known ones are static members; <see cref="Of"/> takes any other.
/// </summary>
public sealed record InterfaceEndpointService
{
    private InterfaceEndpointService(string name) => Name = name;

    /// <summary>The endpoint short name, for example <c>ecr.api</c>.</summary>
    public string Name { get; }

    /// <summary>Amazon ECR API (image metadata).</summary>
    public static InterfaceEndpointService EcrApi { get; } = new("ecr.api");

    /// <summary>Amazon ECR Docker registry (image layers; also needs the free S3 gateway endpoint).</summary>
    public static InterfaceEndpointService EcrDocker { get; } = new("ecr.dkr");

    /// <summary>AWS STS (IRSA, Pod Identity token exchange).</summary>
    public static InterfaceEndpointService Sts { get; } = new("sts");

    /// <summary>Amazon CloudWatch Logs.</summary>
    public static InterfaceEndpointService Logs { get; } = new("logs");

    /// <summary>Amazon CloudWatch metrics.</summary>
    public static InterfaceEndpointService Monitoring { get; } = new("monitoring");

    /// <summary>AWS Systems Manager.</summary>
    public static InterfaceEndpointService Ssm { get; } = new("ssm");

    /// <summary>Systems Manager Session Manager channels.</summary>
    public static InterfaceEndpointService SsmMessages { get; } = new("ssmmessages");

    /// <summary>Systems Manager agent messages.</summary>
    public static InterfaceEndpointService Ec2Messages { get; } = new("ec2messages");

    /// <summary>AWS KMS.</summary>
    public static InterfaceEndpointService Kms { get; } = new("kms");

    /// <summary>AWS Secrets Manager.</summary>
    public static InterfaceEndpointService SecretsManager { get; } = new("secretsmanager");

    /// <summary>Amazon EC2 API (Karpenter launches instances through it).</summary>
    public static InterfaceEndpointService Ec2 { get; } = new("ec2");

    /// <summary>Amazon SQS (the Karpenter interruption queue).</summary>
    public static InterfaceEndpointService Sqs { get; } = new("sqs");

    /// <summary>Amazon SNS.</summary>
    public static InterfaceEndpointService Sns { get; } = new("sns");

    /// <summary>Amazon EKS API.</summary>
    public static InterfaceEndpointService Eks { get; } = new("eks");

    /// <summary>EKS Pod Identity authentication.</summary>
    public static InterfaceEndpointService EksAuth { get; } = new("eks-auth");

    /// <summary>Elastic Load Balancing API (the AWS Load Balancer Controller).</summary>
    public static InterfaceEndpointService ElasticLoadBalancing { get; } = new("elasticloadbalancing");

    /// <summary>Amazon EC2 Auto Scaling.</summary>
    public static InterfaceEndpointService AutoScaling { get; } = new("autoscaling");

    /// <summary>Amazon RDS API.</summary>
    public static InterfaceEndpointService Rds { get; } = new("rds");

    /// <summary>The well-known services, by name.</summary>
    public static IReadOnlyDictionary<string, InterfaceEndpointService> WellKnown { get; } = new[]
    {
        EcrApi, EcrDocker, Sts, Logs, Monitoring, Ssm, SsmMessages, Ec2Messages, Kms, SecretsManager, Ec2, Sqs, Sns, Eks,
        EksAuth, ElasticLoadBalancing, AutoScaling, Rds,
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Any other interface endpoint service by its short name.</summary>
    public static InterfaceEndpointService Of(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WellKnown.TryGetValue(name, out var known) ? known : new InterfaceEndpointService(name);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
