using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Infra.Policies;

namespace Infra.Stacks.Deploy;

/// <summary>
/// How long CloudFormation typically takes to create, and to update in place, one resource of a type: the weights of
/// the deploy plan's critical path. Typical, not guaranteed: AWS publishes no service level for provisioning times,
/// so each row says what it rests on.
/// </summary>
/// <param name="ResourceType">The CloudFormation type, such as <c>AWS::RDS::DBInstance</c>.</param>
/// <param name="CreateMinutes">Minutes from CREATE_IN_PROGRESS to CREATE_COMPLETE.</param>
/// <param name="UpdateMinutes">Minutes for a typical in-place update (a replacement costs a creation).</param>
/// <param name="Basis">What the figure rests on.</param>
public sealed record ResourceDuration(string ResourceType, double CreateMinutes, double UpdateMinutes, string Basis)
{
    /// <summary>Which resources of the type the row is for, in words (the documented table's "when" column).</summary>
    /// <value>Empty: every resource of the type that no more specific row matches.</value>
    public string When { get; init; } = "";

    /// <summary>Whether the row is for a resource with these properties; <c>null</c> for every resource of the type.</summary>
    internal Func<JsonObject, bool>? AppliesTo { get; init; }
}

/// <summary>
/// The table of typical creation and update times per resource type (documented in docs/delivery.md, "Deploy plan",
/// which a test keeps equal to <see cref="MarkdownTable"/>), and the lookup the deploy plan weighs resources with.
/// </summary>
public static class ResourceDurations
{
    /// <summary>When the figures were last reviewed against deploys and the services' documentation.</summary>
    public const string Reviewed = "2026-12-05";

    /// <summary>
    /// What every stack deploy costs besides its resources: the CLI creates a change set, CloudFormation runs it, and
    /// the CLI polls the stack's events until it settles. Also what an unchanged stack costs when the CLI skips it.
    /// </summary>
    public const double StackOverheadMinutes = 1.0;

    /// <summary>The weight of a resource type the table does not list: most resources settle within seconds.</summary>
    public static ResourceDuration Default { get; } = new("(any other type)", 0.25, 0.25,
        "Most control-plane resources (alarms, tags, policies attached by id, parameters) settle within seconds.");

    /// <summary>Every row: the specific rows of a type (with <see cref="ResourceDuration.When"/>) before its general row.</summary>
    public static IReadOnlyList<ResourceDuration> Table { get; } =
    [
        new("AWS::CDK::Metadata", 0, 0, "Template metadata only; nothing is provisioned."),
        new("AWS::CloudFormation::Stack", 0.5, 0.5, "A nested stack's own overhead; its resources are weighed from its template, which the assembly holds."),
        new("AWS::EC2::VPC", 0.5, 0.25, "VPC creation is a synchronous EC2 call; CloudFormation then waits for the DNS attributes."),
        new("AWS::EC2::Subnet", 0.25, 0.25, "Synchronous EC2 call."),
        new("AWS::EC2::RouteTable", 0.25, 0.25, "Synchronous EC2 call."),
        new("AWS::EC2::Route", 0.25, 0.25, "Synchronous, but waits for its target (a NAT gateway) to exist."),
        new("AWS::EC2::SubnetRouteTableAssociation", 0.25, 0.25, "Synchronous EC2 call."),
        new("AWS::EC2::InternetGateway", 0.25, 0.25, "Synchronous EC2 call."),
        new("AWS::EC2::VPCGatewayAttachment", 0.5, 0.5, "CloudFormation waits until the gateway reports attached."),
        new("AWS::EC2::EIP", 0.25, 0.25, "Synchronous EC2 call."),
        new("AWS::EC2::NatGateway", 2, 0.5, "A NAT gateway is pending for one to two minutes before it is available; CloudFormation waits for available."),
        new("AWS::EC2::VPCEndpoint", 2.5, 1, "An interface endpoint places a network interface in every subnet and waits for its private DNS: two to three minutes.")
        {
            When = "interface endpoint", AppliesTo = p => Cfn.AsString(p["VpcEndpointType"]) == "Interface",
        },
        new("AWS::EC2::VPCEndpoint", 0.5, 0.5, "A gateway endpoint is route-table entries only."),
        new("AWS::EC2::FlowLog", 0.5, 0.25, "Synchronous; delivery to S3 checks the bucket policy first."),
        new("AWS::EC2::SecurityGroup", 0.5, 0.25, "Synchronous EC2 calls: the group, then its inline rules and tags."),
        new("AWS::EC2::SecurityGroupIngress", 0.25, 0.25, "Synchronous EC2 call."),
        new("AWS::EC2::SecurityGroupEgress", 0.25, 0.25, "Synchronous EC2 call."),
        new("AWS::EC2::LaunchTemplate", 0.25, 0.25, "Synchronous EC2 call; an update is a new version."),
        new("AWS::IAM::Role", 0.25, 0.25, "Synchronous IAM call; CloudFormation allows a few seconds for IAM's eventual consistency."),
        new("AWS::IAM::Policy", 0.25, 0.25, "Synchronous IAM call; CloudFormation allows a few seconds for IAM's eventual consistency."),
        new("AWS::IAM::ManagedPolicy", 0.25, 0.25, "Synchronous IAM call; CloudFormation allows a few seconds for IAM's eventual consistency."),
        new("AWS::KMS::Key", 1, 0.25, "Key creation and its key policy; CloudFormation waits for the key to be enabled."),
        new("AWS::KMS::Alias", 0.25, 0.25, "Synchronous KMS call."),
        new("AWS::Logs::LogGroup", 0.25, 0.25, "Synchronous CloudWatch Logs calls (group, retention, key)."),
        new("AWS::S3::Bucket", 0.5, 0.5, "Bucket creation plus its encryption, versioning, lifecycle and replication settings."),
        new("AWS::S3::BucketPolicy", 0.25, 0.25, "Synchronous S3 call."),
        new("AWS::SNS::Topic", 0.25, 0.25, "Synchronous SNS call."),
        new("AWS::SNS::TopicPolicy", 0.25, 0.25, "Synchronous SNS call."),
        new("AWS::SQS::Queue", 1, 0.5, "SQS asks callers to wait up to a minute before a new queue is usable; CloudFormation does."),
        new("AWS::SQS::QueuePolicy", 0.25, 0.25, "Synchronous SQS call."),
        new("AWS::SSM::Parameter", 0.25, 0.25, "Synchronous Systems Manager call."),
        new("AWS::CloudWatch::Alarm", 0.25, 0.25, "Synchronous CloudWatch call."),
        new("AWS::Budgets::Budget", 0.25, 0.25, "Synchronous AWS Budgets call."),
        new("AWS::CE::AnomalyMonitor", 0.25, 0.25, "Synchronous Cost Explorer call (detection itself starts within a day)."),
        new("AWS::CE::AnomalySubscription", 0.25, 0.25, "Synchronous Cost Explorer call."),
        new("AWS::Backup::BackupVault", 0.5, 0.25, "Synchronous AWS Backup calls: the vault, its access policy, lock and notifications."),
        new("AWS::Backup::BackupPlan", 0.25, 0.25, "Synchronous AWS Backup call."),
        new("AWS::Backup::BackupSelection", 0.25, 0.25, "Synchronous AWS Backup call; any change replaces it."),
        new("AWS::Backup::RestoreTestingPlan", 0.25, 0.25, "Synchronous AWS Backup call."),
        new("AWS::Backup::RestoreTestingSelection", 0.25, 0.25, "Synchronous AWS Backup call."),
        new("AWS::FIS::ExperimentTemplate", 0.25, 0.25, "Synchronous FIS call; a tag change replaces the template."),
        new("AWS::SSM::Document", 0.25, 0.25, "Synchronous Systems Manager call."),
        new("AWS::Lambda::Function", 1, 1, "In a VPC the function is Pending until its network interfaces exist; CloudFormation waits for Active.")
        {
            When = "in a VPC", AppliesTo = p => p["VpcConfig"] is not null,
        },
        new("AWS::Lambda::Function", 0.25, 0.25, "The function is created from its S3 asset and is Active within seconds."),
        new("AWS::Lambda::LayerVersion", 0.25, 0.25, "Publishes the layer from its S3 asset."),
        new("AWS::StepFunctions::StateMachine", 0.25, 0.25, "Synchronous Step Functions call."),
        new("AWS::SecretsManager::Secret", 0.5, 0.25, "The secret, and its replicas in other regions when it has any."),
        new("AWS::SecretsManager::RotationSchedule", 3, 1, "With HostedRotationLambda, the Secrets Manager transform deploys the rotation function as a nested stack and rotates once.")
        {
            When = "hosted rotation function", AppliesTo = p => p["HostedRotationLambda"] is not null,
        },
        new("AWS::SecretsManager::RotationSchedule", 0.5, 0.5, "Attaches an existing rotation function."),
        new("AWS::SecretsManager::SecretTargetAttachment", 0.25, 0.25, "Synchronous Secrets Manager call: records the database's endpoint in the secret."),
        new("AWS::SecretsManager::ResourcePolicy", 0.25, 0.25, "Synchronous Secrets Manager call."),
        new("AWS::RDS::DBSubnetGroup", 0.25, 0.25, "Synchronous RDS call."),
        new("AWS::RDS::DBClusterParameterGroup", 0.25, 0.5, "Synchronous RDS call; an update is applied to the members later."),
        new("AWS::RDS::GlobalCluster", 1.5, 1, "The global cluster is metadata until its first member joins."),
        new("AWS::RDS::DBCluster", 10, 3, "A secondary member's storage volume is seeded from the primary's region before the cluster is available: about twice a regional cluster's time.")
        {
            When = "secondary member of a global database",
            AppliesTo = p => p["GlobalClusterIdentifier"] is not null && p["MasterUsername"] is null && p["SnapshotIdentifier"] is null,
        },
        new("AWS::RDS::DBCluster", 5, 3, "Aurora creates the cluster's storage volume and endpoints; CloudFormation waits for available."),
        new("AWS::RDS::DBInstance", 11, 10, "Aurora provisions and boots each instance, in parallel with the cluster's other instances: 10 to 15 minutes; a class change restarts it."),
        new("AWS::EKS::Nodegroup", 5, 12, "Launches the nodes and waits for them to join; an update (AMI or version) rolls every node."),
        new("AWS::EKS::Addon", 1.5, 1, "EKS installs the add-on and waits for it to be healthy (CoreDNS and the EBS CSI driver need nodes)."),
        new("AWS::EKS::AccessEntry", 0.25, 0.25, "Synchronous EKS call."),
        new("AWS::EKS::PodIdentityAssociation", 0.25, 0.25, "Synchronous EKS call."),
        new("AWS::Events::Rule", 0.5, 0.25, "Synchronous EventBridge call."),
        new("Custom::AWSCDK-EKS-Cluster", 12, 12, "The control plane: typically 10 to 15 minutes (aws/containers-roadmap#1227 reported a 15-minute average), polled by the CDK's provider; a version upgrade takes as long."),
        new("Custom::AWSCDK-EKS-HelmChart", 2, 2, "The CDK's kubectl function runs helm upgrade --install from inside the VPC: a cold start, the chart's download and its objects (no wait for pods)."),
        new("Custom::AWSCDK-EKS-KubernetesResource", 0.5, 0.5, "The CDK's kubectl function runs one kubectl apply."),
        new("Custom::VpcRestrictDefaultSG", 0.5, 0.5, "A CDK provider function revokes the default security group's rules."),
        new("Custom::S3AutoDeleteObjects", 0.5, 0.5, "A CDK provider function records the bucket; it deletes objects only on removal."),
    ];

    /// <summary>The row that weighs <paramref name="type"/> with <paramref name="properties"/>: a matching specific row, else the type's row, else <see cref="Default"/>.</summary>
    public static ResourceDuration For(string type, JsonObject properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var rows = Table.Where(r => r.ResourceType == type).ToList();
        return rows.FirstOrDefault(r => r.AppliesTo?.Invoke(properties) == true)
            ?? rows.FirstOrDefault(r => r.AppliesTo is null)
            ?? Default;
    }

    /// <summary>The table as documented in docs/delivery.md (a test keeps the two equal).</summary>
    public static string MarkdownTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| Resource type | When | Create (min) | Update (min) | Basis |");
        text.AppendLine("|---|---|---:|---:|---|");
        foreach (var row in Table.Append(Default))
        {
            text.AppendLine($"| `{row.ResourceType}` | {row.When} | {Minutes(row.CreateMinutes)} | {Minutes(row.UpdateMinutes)} | {row.Basis} |");
        }

        return text.ToString();
    }

    private static string Minutes(double minutes) => minutes.ToString("0.##", CultureInfo.InvariantCulture);
}
