using System.Collections.Generic;
using System.Linq;
using Infra.Components.Kubernetes.Karpenter;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

public sealed class KarpenterManifestValidatorTests
{
    private static NodePoolSpec Pool(string name, string nodeClass = "default") => new()
    {
        Name = name,
        NodeClassName = nodeClass,
        CapacityTypes = [CapacityType.OnDemand],
        Architectures = [CpuArchitecture.Arm64],
    };

    private static Ec2NodeClassSpec NodeClass(string name, string alias = "al2023@v20261020") => new()
    {
        Name = name,
        Role = "KarpenterNodeRole-prod",
        AmiSelectorTerms = [AmiSelectorTerm.ByAlias(alias)],
        SubnetSelectorTerms = [SubnetSelectorTerm.ById("subnet-0123456789abcdef0")],
        SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ById("sg-0123456789abcdef0")],
    };

    [Fact]
    public void Accepts_pools_that_reference_their_node_classes() =>
        Assert.Empty(Validate([Pool("on-demand"), Pool("spot", "spot")], [NodeClass("default"), NodeClass("spot")], requirePinnedAmis: true));

    [Fact]
    public void Lists_every_problem_with_its_path_across_pools_and_node_classes() =>
        Assert.Equal(
            [
                "NodePools[0].Disruption.ConsolidateAfter: '5 minutes' is not a duration; use Go duration syntax such as 30s, 5m or 720h, or Never.",
                "NodePools[1].Weight: 0 must be between 1 and 100; omit it for the lowest priority (0).",
                "NodeClasses[0].AmiSelectorTerms[0].Alias: 'al2023@latest' floats to the newest AMI; pin a release such as al2023@v20261020 so nodes change only when the pin does.",
                "NodeClasses[1].Role: empty; give the node IAM role's name, such as KarpenterNodeRole-my-cluster.",
            ],
            Validate(
                [Pool("on-demand") with { Disruption = new NodePoolDisruption { ConsolidateAfter = "5 minutes" } }, Pool("spot") with { Weight = 0 }],
                [NodeClass("default", "al2023@latest"), NodeClass("gpu") with { Role = "" }],
                requirePinnedAmis: true));

    [Fact]
    public void Allows_floating_aliases_unless_pinned_amis_are_required() =>
        Assert.Empty(Validate([Pool("default")], [NodeClass("default", "al2023@latest")]));

    [Fact]
    public void Rejects_duplicate_names() =>
        Assert.Equal(
            [
                "NodePools[2].Name: 'default' is used by 2 node pools; names must be unique.",
                "NodeClasses[1].Name: 'default' is used by 2 node classes; names must be unique.",
            ],
            Validate([Pool("default"), Pool("spot"), Pool("default")], [NodeClass("default"), NodeClass("default")]));

    [Fact]
    public void Rejects_a_pool_that_references_a_missing_node_class() =>
        Assert.Equal(
            "NodePools[0].NodeClassName: 'gpu' names no node class in NodeClasses; known: default, spot.",
            Assert.Single(Validate([Pool("default", "gpu")], [NodeClass("default"), NodeClass("spot")])));

    [Fact]
    public void Says_when_no_node_class_is_known() =>
        Assert.Equal(
            "NodePools[0].NodeClassName: 'default' names no node class in NodeClasses; known: none.",
            Assert.Single(Validate([Pool("default")], [])));

    [Fact]
    public void Does_not_repeat_a_malformed_reference_as_missing() =>
        Assert.Equal(
            "NodePools[0].NodeClassName: 'Default' is not a DNS-1123 label; use 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit.",
            Assert.Single(Validate([Pool("default", "Default")], [NodeClass("default")])));

    private static List<string> Validate(IReadOnlyList<NodePoolSpec> nodePools, IReadOnlyList<Ec2NodeClassSpec> nodeClasses, bool requirePinnedAmis = false) =>
        KarpenterManifestValidator.Validate(nodePools, nodeClasses, requirePinnedAmis).Select(p => p.ToString()).ToList();
}
