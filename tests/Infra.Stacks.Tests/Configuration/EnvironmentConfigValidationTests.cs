using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

/// <summary>The rules beyond types: AWS facts, cross-key rules, tiers and lifecycle rules.</summary>
public sealed class EnvironmentConfigValidationTests
{
    [Theory]
    [InlineData("10.10.0.0/33")]
    [InlineData("10.10.0.1/16")]
    [InlineData("10.10.0/16")]
    [InlineData("10.10.0.0")]
    [InlineData("10.10.256.0/16")]
    [InlineData("ten.ten.zero.zero/16")]
    public void Rejects_a_malformed_vpc_cidr(string cidr)
    {
        var yaml = Replace(Dev, "  vpcCidr: 10.10.0.0/16", $"  vpcCidr: {cidr}");

        Assert.Equal(
            $"dev.yaml:6: primaryRegion.vpcCidr: '{cidr}' is not an IPv4 CIDR block in canonical form (for example 10.20.0.0/16).",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_a_vpc_cidr_wider_than_a_16()
    {
        var yaml = Replace(Dev, "  vpcCidr: 10.10.0.0/16", "  vpcCidr: 10.0.0.0/12");

        Assert.Equal(
            "dev.yaml:6: primaryRegion.vpcCidr: '10.0.0.0/12' has prefix /12; VPCs here are /16 to /24.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_a_vpc_cidr_too_small_for_the_subnet_plan()
    {
        var yaml = Replace(Dev, "  vpcCidr: 10.10.0.0/16", "  vpcCidr: 10.10.0.0/22");

        Assert.Equal(
            "dev.yaml:6: primaryRegion.vpcCidr: the Private tier's mask /20 is too large for a /22 VPC; each tier reserves 4 AZ slots, so use /24 or smaller.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("10.30.0.0/16")]
    [InlineData("10.30.128.0/17")]
    [InlineData("10.0.0.0/8")]
    public void Rejects_a_secondary_cidr_that_overlaps_the_primary(string cidr)
    {
        var yaml = Replace(Prod, "  vpcCidr: 10.31.0.0/16", $"  vpcCidr: {cidr}");

        var problems = Problems(yaml, "prod.yaml");

        Assert.Contains(
            $"prod.yaml:10: secondaryRegion.vpcCidr: '{cidr}' overlaps primaryRegion.vpcCidr '10.30.0.0/16'; regions must not overlap, so they can be peered or routed later.",
            problems);
    }

    [Fact]
    public void Rejects_an_overlapping_secondary_cidr_with_that_one_problem()
    {
        var yaml = Replace(Prod, "  vpcCidr: 10.31.0.0/16", "  vpcCidr: 10.30.128.0/17");

        Assert.Equal(
            "prod.yaml:10: secondaryRegion.vpcCidr: '10.30.128.0/17' overlaps primaryRegion.vpcCidr '10.30.0.0/16'; regions must not overlap, so they can be peered or routed later.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_an_availability_zone_that_is_not_in_the_primary_region()
    {
        var yaml = Replace(Prod, "  availabilityZones: [us-east-1a, us-east-1b, us-east-1c]", "  availabilityZones: [us-east-1a, us-east-1b, us-west-2c]");

        Assert.Equal(
            "prod.yaml:5: primaryRegion.availabilityZones[2]: 'us-west-2c' is not an availability zone of us-east-1; use one of: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_an_availability_zone_that_is_not_in_the_secondary_region()
    {
        var yaml = Replace(Prod, "  availabilityZones: [us-west-2a, us-west-2b, us-west-2c]", "  availabilityZones: [us-west-2a, us-west-2b, us-west-2e]");

        Assert.Equal(
            "prod.yaml:9: secondaryRegion.availabilityZones[2]: 'us-west-2e' is not an availability zone of us-west-2; use one of: us-west-2a, us-west-2b, us-west-2c, us-west-2d.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Reports_a_zone_on_its_own_line_in_a_block_list()
    {
        var yaml = Replace(Dev, "  availabilityZones: [us-east-1a, us-east-1b]", "  availabilityZones:\n    - us-east-1a\n    - us-east-1x");

        Assert.Equal(
            "dev.yaml:7: primaryRegion.availabilityZones[1]: 'us-east-1x' is not an availability zone of us-east-1; use one of: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("[us-east-1a]", "has 1 zone (us-east-1a); give 2 to 4 (load balancers and database subnet groups need two).")]
    [InlineData("[]", "has 0 zones; give 2 to 4 (load balancers and database subnet groups need two).")]
    public void Rejects_fewer_than_two_availability_zones(string zones, string message)
    {
        var yaml = Replace(Dev, "  availabilityZones: [us-east-1a, us-east-1b]", $"  availabilityZones: {zones}");

        Assert.Equal($"dev.yaml:5: primaryRegion.availabilityZones: {message}", Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_more_than_four_availability_zones()
    {
        var yaml = Replace(Dev, "  availabilityZones: [us-east-1a, us-east-1b]", "  availabilityZones: [us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e]");

        Assert.Equal("dev.yaml:5: primaryRegion.availabilityZones: has 5 zones (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e); give 2 to 4 (load balancers and database subnet groups need two).", Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_an_availability_zone_listed_twice()
    {
        var yaml = Replace(Dev, "  availabilityZones: [us-east-1a, us-east-1b]", "  availabilityZones: [us-east-1a, us-east-1b, us-east-1a]");

        Assert.Equal(
            "dev.yaml:5: primaryRegion.availabilityZones: lists 'us-east-1a' 2 times; each zone once.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("\"12345\"", "12345")]
    [InlineData("\"1111111111111\"", "1111111111111")]
    [InlineData("\"11111111111a\"", "11111111111a")]
    [InlineData("\"1111-1111-1111\"", "1111-1111-1111")]
    [InlineData("\"\"", "")]
    public void Rejects_an_account_id_that_is_not_twelve_digits(string value, string account)
    {
        var yaml = Replace(Dev, "account: \"111111111111\"", $"account: {value}");

        Assert.Equal(
            $"dev.yaml:2: account: '{account}' is not an AWS account id; use the 12 digits, quoted (\"123456789012\").",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_an_unknown_region()
    {
        var yaml = Replace(Prod, "  name: us-west-2", "  name: us-west-9");

        Assert.Equal(
            "prod.yaml:8: secondaryRegion.name: 'us-west-9' is not a known region; use one of: ap-northeast-1, ap-northeast-2, ap-south-1, "
            + "ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-south-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, "
            + "us-east-1, us-east-2, us-west-1, us-west-2 (or add it to AwsRegions with its AZs).",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_a_staging_environment_without_a_secondary_region()
    {
        var yaml = RemoveBlock(Staging, "secondaryRegion:");

        // Replication is on too, but the missing region is reported once, not again as "nothing to replicate to".
        Assert.Equal(
            "staging.yaml: secondaryRegion: is missing; staging needs a secondary region for disaster recovery (the replicated bucket, the global database).",
            Assert.Single(Problems(yaml, "staging.yaml")));
    }

    [Fact]
    public void Accepts_a_dev_environment_without_a_secondary_region()
    {
        var config = EnvironmentConfigLoader.Load(Dev, "dev.yaml");

        Assert.Null(config.SecondaryRegion);
        Assert.Single(config.Regions);
    }

    [Fact]
    public void Rejects_replication_without_a_secondary_region()
    {
        var yaml = Replace(Dev, "  replicateToSecondaryRegion: false", "  replicateToSecondaryRegion: true");

        Assert.Equal(
            "dev.yaml:21: storage.replicateToSecondaryRegion: is true but there is no secondaryRegion to replicate to; add secondaryRegion or set it to false.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_a_secondary_region_that_is_the_primary_region()
    {
        var yaml = Replace(Prod, "  name: us-west-2", "  name: us-east-1");
        yaml = Replace(yaml, "  availabilityZones: [us-west-2a, us-west-2b, us-west-2c]", "  availabilityZones: [us-east-1a, us-east-1b, us-east-1c]");

        Assert.Equal(
            "prod.yaml:8: secondaryRegion.name: 'us-east-1' is also the primary region; the secondary must be another region.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(15)]
    [InlineData(366)]
    public void Rejects_a_cloudwatch_retention_that_cloudwatch_does_not_offer(int days)
    {
        var yaml = Replace(Dev, "    retentionDays: 14", $"    retentionDays: {days}");

        Assert.Equal(
            $"dev.yaml:15: network.flowLogs.retentionDays: {days} is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rejects_a_flow_log_retention_below_one_day(int days)
    {
        var yaml = Replace(Dev, "    retentionDays: 14", $"    retentionDays: {days}");

        Assert.Equal(
            $"dev.yaml:15: network.flowLogs.retentionDays: {days} must be at least 1; flow logs always expire.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Accepts_any_retention_for_flow_logs_in_s3()
    {
        var yaml = Replace(Prod, "    retentionDays: 365", "    retentionDays: 10");

        Assert.Equal(10, EnvironmentConfigLoader.Load(yaml, "prod.yaml").Network.FlowLogs.RetentionDays);
    }

    [Fact]
    public void Rejects_an_unknown_interface_endpoint()
    {
        var yaml = Replace(Prod, "  interfaceEndpoints: [sts, ecr.api]", "  interfaceEndpoints: [sts, ecr.api, dynamodb]");

        Assert.Equal(
            "prod.yaml:20: network.interfaceEndpoints[2]: 'dynamodb' is not a known interface endpoint; use one of: autoscaling, ec2, ec2messages, "
            + "ecr.api, ecr.dkr, eks, eks-auth, elasticloadbalancing, kms, logs, monitoring, rds, secretsmanager, sns, sqs, ssm, ssmmessages, sts.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_an_interface_endpoint_listed_twice()
    {
        var yaml = Replace(Prod, "  interfaceEndpoints: [sts, ecr.api]", "  interfaceEndpoints: [sts, ecr.api, sts]");

        Assert.Equal(
            "prod.yaml:20: network.interfaceEndpoints: lists 'sts' 2 times; each endpoint once.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_a_subnet_mask_outside_aws_limits_once_at_the_mask()
    {
        // Not once per region against each vpcCidr: the mask is what is wrong.
        var yaml = Replace(Prod, "  natGateways: perAz", "  natGateways: perAz\n  subnetMasks:\n    isolated: 30");

        Assert.Equal(
            "prod.yaml:17: network.subnetMasks.isolated: 30 must be between 16 and 28 (AWS's subnet limits).",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Theory]
    [InlineData("  owner: platform-team", "  owner: \" \"", "dev.yaml:8: tags.owner: is empty; name the owning team.")]
    [InlineData("  costCenter: CC-PLATFORM-DEV", "  costCenter: \"\"", "dev.yaml:9: tags.costCenter: is empty; give the cost center resources are charged to.")]
    [InlineData("  costCenter: CC-PLATFORM-DEV", "  costCenter: CC-PLATFORM-DEV\n  additional:\n    aws:team: platform", "dev.yaml:11: tags.additional.aws:team: is not a valid tag: keys up to 128 characters and not starting with 'aws:', values up to 256.")]
    public void Rejects_an_invalid_tag(string line, string replacement, string expected)
    {
        var yaml = Replace(Dev, line, replacement);

        Assert.Equal(expected, Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("            afterDays: 30", "            afterDays: 10",
        "prod.yaml:27: storage.dataBucket.lifecycleRules[0].transitions[0].afterDays: 10 is too early for Standard-IA; S3 requires at least 30 days.")]
    [InlineData("            afterDays: 90", "            afterDays: 45",
        "prod.yaml:29: storage.dataBucket.lifecycleRules[0].transitions[1].afterDays: 45 must be at least 60; objects stay 30 days in Standard-IA before moving on.")]
    [InlineData("          - storageClass: glacierInstantRetrieval", "          - storageClass: standardIa",
        "prod.yaml:28: storage.dataBucket.lifecycleRules[0].transitions[1].storageClass: Standard-IA cannot follow Standard-IA; transitions only go down the waterfall "
        + "Standard-IA, Intelligent-Tiering, One Zone-IA, Glacier Instant Retrieval, Glacier Flexible Retrieval, Glacier Deep Archive.")]
    [InlineData("        expireAfterDays: 365", "        expireAfterDays: 60",
        "prod.yaml:30: storage.dataBucket.lifecycleRules[0].expireAfterDays: 60 must be greater than the last transition's 90 days; S3 rejects an expiration at or before a transition.")]
    [InlineData("        expireAfterDays: 365", "        expireAfterDays: 365\n        expiredObjectDeleteMarker: true",
        "prod.yaml:31: storage.dataBucket.lifecycleRules[0].expiredObjectDeleteMarker: S3 cannot combine it with an expiration in one rule; put delete-marker cleanup in its own rule.")]
    [InlineData("        expireAfterDays: 365", "        expireAfterDays: 365\n        abortIncompleteMultipartUploadDays: 0",
        "prod.yaml:31: storage.dataBucket.lifecycleRules[0].abortIncompleteMultipartUploadDays: 0 must be at least 1.")]
    [InlineData("        expireAfterDays: 365", "        expireAfterDays: 365\n        noncurrentVersionsToRetain: 3",
        "prod.yaml:31: storage.dataBucket.lifecycleRules[0].noncurrentVersionsToRetain: it only qualifies a noncurrent-version action; add a noncurrent-version expiration or transition.")]
    public void Rejects_an_invalid_lifecycle_rule_at_its_camel_cased_key_path(string line, string replacement, string expected)
    {
        var yaml = Replace(Prod, line, replacement);

        Assert.Equal(expected, Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_a_lifecycle_rule_without_an_action_at_the_rule()
    {
        var yaml = RemoveBlock(Prod, "        transitions:");
        yaml = Replace(yaml, "        expireAfterDays: 365", "        prefix: logs/");

        Assert.Equal(
            "prod.yaml:24: storage.dataBucket.lifecycleRules[0]: the rule has no action; add a transition, an expiration, a noncurrent-version action, multipart-upload cleanup or delete-marker cleanup.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_a_lifecycle_rule_id_used_twice_at_the_second_rule()
    {
        var yaml = Replace(Prod, "        expireAfterDays: 365", "        expireAfterDays: 365\n      - id: tier-current-versions\n        expireAfterDays: 30");

        Assert.Equal(
            "prod.yaml:31: storage.dataBucket.lifecycleRules[1].id: 'tier-current-versions' is used by 2 rules; rule ids must be unique within a bucket.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_a_lifecycle_rule_without_an_id()
    {
        var yaml = Replace(Prod, "      - id: tier-current-versions", "      - prefix: data/");

        Assert.Equal(
            "prod.yaml:24: storage.dataBucket.lifecycleRules[0].id: is missing; this key is required.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_an_unknown_storage_class()
    {
        var yaml = Replace(Prod, "          - storageClass: glacierInstantRetrieval", "          - storageClass: glacier");

        Assert.Equal(
            "prod.yaml:28: storage.dataBucket.lifecycleRules[0].transitions[1].storageClass: 'glacier' is not allowed; use one of: "
            + "standardIa, intelligentTiering, oneZoneIa, glacierInstantRetrieval, glacierFlexibleRetrieval, deepArchive.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_the_lifecycle_rule_id_the_bucket_reserves()
    {
        var yaml = Replace(Prod, "      - id: tier-current-versions", "      - id: housekeeping");

        Assert.Equal(
            "prod.yaml:24: storage.dataBucket.lifecycleRules[0].id: 'housekeeping' is reserved for the bucket's own rule (incomplete uploads, expired delete markers); choose another id.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("cost-center")]
    [InlineData("environment")]
    [InlineData("managed-by")]
    public void Rejects_an_additional_tag_that_would_replace_a_required_one(string key)
    {
        var yaml = Replace(Prod, "  costCenter: CC-PLATFORM-PROD", $"  costCenter: CC-PLATFORM-PROD\n  additional:\n    {key}: someone-else");

        Assert.Equal(
            $"prod.yaml:15: tags.additional.{key}: would replace the required '{key}' tag the app sets itself; remove it (owner and cost center have their own keys).",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }
}
