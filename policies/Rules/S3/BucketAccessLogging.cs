using System.Collections.Generic;

namespace Infra.Policies.Rules.S3;

/// <summary>Buckets write server access logs to a log bucket.</summary>
public sealed class BucketAccessLogging : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-S3-7",
        PolicyLevel.Warning,
        "S3",
        "Buckets have server access logging",
        "Without access logs there is no record of who read, wrote or deleted which object (CloudTrail data events are off by default and cost more), so an incident cannot be scoped.",
        "Set LoggingConfiguration.DestinationBucketName to the environment's access-log bucket, with a LogFilePrefix (in CDK, ServerAccessLogsBucket and ServerAccessLogsPrefix). The log bucket itself carries a reasoned suppression.",
        CdkNag: "AwsSolutions-S1",
        Checkov: "CKV_AWS_18");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::S3::Bucket");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var logging = resource.Properties["LoggingConfiguration"];
        if (Cfn.IsIntrinsic(logging))
        {
            yield break;
        }

        var destination = Cfn.At(logging, "DestinationBucketName");
        if (!RuleValues.IsSet(destination))
        {
            yield return new Violation(logging is null
                ? "LoggingConfiguration is not set; set LoggingConfiguration.DestinationBucketName to the access-log bucket."
                : $"LoggingConfiguration.DestinationBucketName is {RuleValues.Describe(destination)}; set it to the access-log bucket.");
        }
    }
}
