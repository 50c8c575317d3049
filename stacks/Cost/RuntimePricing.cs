using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Infra.Policies;

namespace Infra.Stacks.Cost;

/// <summary>A Karpenter NodePool as far as capacity is concerned: which capacity types, architectures, categories and generations it allows.</summary>
/// <param name="Name">The pool.</param>
/// <param name="CapacityTypes">Allowed capacity types (<c>spot</c>, <c>on-demand</c>).</param>
/// <param name="Architectures">Allowed architectures.</param>
/// <param name="Categories">Allowed instance categories (<c>c</c>, <c>m</c>, <c>r</c>); empty allows any.</param>
/// <param name="GenerationAbove">The generation must be greater than this.</param>
internal sealed record NodePoolRequirements(string Name, IReadOnlyList<string> CapacityTypes, IReadOnlyList<string> Architectures, IReadOnlyList<string> Categories, int GenerationAbove)
{
    /// <summary>Whether the pool can launch <paramref name="instanceType"/> (<c>m7g.large</c>) with <paramref name="spec"/>.</summary>
    public bool Allows(string instanceType, InstanceSpec spec)
    {
        var family = instanceType.Split('.')[0];
        var category = new string(family.TakeWhile(char.IsLetter).ToArray());
        var generation = int.TryParse(new string(family.SkipWhile(char.IsLetter).TakeWhile(char.IsDigit).ToArray()), CultureInfo.InvariantCulture, out var g) ? g : 0;
        return (Architectures.Count == 0 || Architectures.Contains(spec.Architecture))
            && (Categories.Count == 0 || Categories.Contains(category))
            && generation > GenerationAbove;
    }
}

/// <summary>The Karpenter pools and node root volume an environment's templates define (from the applied manifests).</summary>
/// <param name="NodePools">Every NodePool.</param>
/// <param name="RootVolumeGiB">The EC2NodeClass root volume size (20 GiB when none is found).</param>
/// <param name="RootVolumeType">The EC2NodeClass root volume type.</param>
internal sealed record ClusterCapacity(IReadOnlyList<NodePoolRequirements> NodePools, int RootVolumeGiB, string RootVolumeType)
{
    public static ClusterCapacity Read(IEnumerable<JsonObject> templates)
    {
        var objects = templates
            .SelectMany(t => (t["Resources"] as JsonObject ?? []).Select(r => r.Value))
            .Where(r => Cfn.AsString(r?["Type"]) == "Custom::AWSCDK-EKS-KubernetesResource")
            .SelectMany(r => Manifest(r?["Properties"]?["Manifest"]))
            .ToList();
        var pools = objects.Where(o => Cfn.AsString(o["kind"]) == "NodePool").Select(Pool).ToList();
        var volume = objects.Where(o => Cfn.AsString(o["kind"]) == "EC2NodeClass")
            .SelectMany(o => Cfn.Items(Cfn.At(o, "spec.blockDeviceMappings")))
            .Select(m => m?["ebs"])
            .FirstOrDefault(e => e is not null);
        var size = Cfn.AsString(volume?["volumeSize"]) is { } text && text.EndsWith("Gi", StringComparison.Ordinal) && int.TryParse(text[..^2], CultureInfo.InvariantCulture, out var gib) ? gib : 20;
        return new ClusterCapacity(pools, size, Cfn.AsString(volume?["volumeType"]) ?? "gp3");
    }

    private static NodePoolRequirements Pool(JsonObject pool)
    {
        var requirements = Cfn.Items(Cfn.At(pool, "spec.template.spec.requirements")).OfType<JsonObject>().ToList();
        IReadOnlyList<string> Values(string key) => requirements.Where(r => Cfn.AsString(r["key"]) == key && Cfn.AsString(r["operator"]) == "In")
            .SelectMany(r => Cfn.Strings(r["values"])).ToList();
        var generation = requirements.Where(r => Cfn.AsString(r["key"]) == "karpenter.k8s.aws/instance-generation" && Cfn.AsString(r["operator"]) == "Gt")
            .SelectMany(r => Cfn.Strings(r["values"])).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        return new NodePoolRequirements(
            Cfn.AsString(Cfn.At(pool, "metadata.name")) ?? "?",
            Values("karpenter.sh/capacity-type") is { Count: > 0 } capacity ? capacity : ["on-demand"],
            Values("kubernetes.io/arch"),
            Values("karpenter.k8s.aws/instance-category"),
            generation);
    }

    // The objects of a KubernetesManifest's Manifest: a JSON string, or an Fn::Join whose references are stubbed.
    private static List<JsonObject> Manifest(JsonNode? manifest)
    {
        var text = manifest switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["Fn::Join"] is JsonArray { Count: 2 } join => string.Concat(Cfn.Items(join[1]).Select(p => Cfn.AsString(p) ?? "TOKEN")),
            _ => null,
        };
        if (text is null)
        {
            return [];
        }

        try
        {
            return Cfn.Items(JsonNode.Parse(text)).OfType<JsonObject>().ToList();
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}

/// <summary>
/// Prices what a stack's components declare the cluster creates at run time: volumes, load balancers, and the nodes
/// Karpenter launches for pods that select a capacity type. Pods that select the system nodes add nothing: those nodes
/// are priced with their node group.
/// </summary>
internal static class RuntimePricing
{
    private const string CapacityTypeLabel = "karpenter.sh/capacity-type";

    public static void Price(PricingContext c, AssemblyStack stack, ClusterCapacity cluster)
    {
        var pods = new List<(string Path, JsonObject Pods)>();
        foreach (var (path, declaration) in RuntimeDeclarations.Of(stack))
        {
            switch (Cfn.AsString(declaration["kind"]))
            {
                case "volume":
                    Volume(c, path, declaration);
                    break;
                case "loadBalancer":
                    LoadBalancer(c, path, declaration);
                    break;
                case "pods":
                    pods.Add((path, declaration));
                    break;
                default:
                    c.Notes.Add($"{stack.StackName}: {path} declares a runtime resource of kind '{Cfn.AsString(declaration["kind"])}' the estimate cannot price.");
                    break;
            }
        }

        foreach (var group in pods.GroupBy(p => Cfn.AsString(p.Pods["nodeSelector"]?[CapacityTypeLabel])))
        {
            if (group.Key is not null)
            {
                Capacity(c, group.Key, group.ToList(), cluster);
            }
            else
            {
                // Pods that select other nodes (the system node group) add no capacity: those nodes are priced already.
                c.Notes.Add($"{c.Stack}: {string.Join(", ", group.Select(p => $"{Purpose(p.Pods)} x{Cfn.AsLong(p.Pods["replicas"]) ?? 1}"))} run on nodes selected by "
                    + $"{string.Join(", ", (group.First().Pods["nodeSelector"] as JsonObject ?? []).Select(kv => $"{kv.Key}={Cfn.AsString(kv.Value)}"))}, priced with their node group: no capacity of their own.");
            }
        }
    }

    private static string Purpose(JsonObject declaration) => Cfn.AsString(declaration["purpose"]) ?? "?";

    private static void Volume(PricingContext c, string path, JsonObject volume)
    {
        var count = Cfn.AsLong(volume["count"]) ?? 1;
        var size = Cfn.AsLong(volume["sizeGiB"]) ?? 0;
        var type = Cfn.AsString(volume["volumeType"]) ?? "gp3";
        c.Add(path, $"{count} x {size} GiB {type} volume: {Purpose(volume)}", count * size, $"ebs.{type}", CostBasis.Runtime);
    }

    private static void LoadBalancer(PricingContext c, string path, JsonObject balancer)
    {
        var zones = Cfn.AsLong(balancer["availabilityZones"]) ?? 1;
        var internetFacing = Cfn.AsBool(balancer["internetFacing"]) ?? false;
        if (Cfn.AsString(balancer["type"]) != "network")
        {
            c.Notes.Add($"{c.Stack}: {path} declares a {Cfn.AsString(balancer["type"])} load balancer; the table prices network load balancers only.");
            return;
        }

        c.Add(path, $"network load balancer, {(internetFacing ? "internet-facing" : "internal")}, {zones} AZs: {Purpose(balancer)}", c.Prices.HoursPerMonth, PriceKeys.NlbHour, CostBasis.Runtime);
        if (c.Usage.LoadBalancerCapacityUnits > 0)
        {
            c.Add(path, "load balancer capacity units", c.Usage.LoadBalancerCapacityUnits * c.Prices.HoursPerMonth, PriceKeys.NlbLcu, CostBasis.Usage);
        }

        if (internetFacing)
        {
            c.Add(path, $"{zones} public IPv4 addresses of the load balancer", zones * c.Prices.HoursPerMonth, PriceKeys.PublicIpv4Hour, CostBasis.Runtime);
        }
    }

    // The cheapest way Karpenter can run these pods: for each instance type a pool allowing the capacity type could
    // launch, the nodes needed (by total requests after each node's reserve, and one per replica of pods that must
    // spread), then the type with the lowest monthly cost.
    private static void Capacity(PricingContext c, string capacityType, List<(string Path, JsonObject Pods)> declarations, ClusterCapacity cluster)
    {
        var pods = declarations.Select(d => (
            d.Path,
            Purpose: Purpose(d.Pods),
            Replicas: (int)(Cfn.AsLong(d.Pods["replicas"]) ?? 1),
            Cpu: RuntimeDeclarations.Millicores(Cfn.AsString(d.Pods["cpu"])),
            Memory: RuntimeDeclarations.Mebibytes(Cfn.AsString(d.Pods["memory"])),
            Spread: Cfn.AsBool(d.Pods["spreadOverNodes"]) ?? false)).ToList();
        var pools = cluster.NodePools.Where(p => p.CapacityTypes.Contains(capacityType)).ToList();
        var who = string.Join(", ", pods.Select(p => $"{p.Purpose} x{p.Replicas}"));
        if (pools.Count == 0)
        {
            c.Notes.Add($"{c.Stack}: no Karpenter NodePool allows {capacityType} capacity for {who}: the pods would stay pending; nothing priced for them.");
            return;
        }

        var totalCpu = pods.Sum(p => p.Cpu * p.Replicas);
        var totalMemory = pods.Sum(p => p.Memory * p.Replicas);
        var spread = pods.Where(p => p.Spread).Select(p => p.Replicas).DefaultIfEmpty(1).Max();
        var spot = capacityType == "spot";
        var factor = spot ? 1 - (c.Usage.SpotDiscountPercent / 100) : 1;
        var best = c.Prices.InstanceTypes
            .Where(t => pools.Any(p => p.Allows(t.Key, t.Value)) && c.Prices.Find(c.Region, PriceKeys.Ec2(t.Key)) is not null)
            .Select(t => (Type: t.Key, Cpu: (t.Value.VCpus * 1000m) - c.Usage.NodeReservedCpuMillicores, Memory: ((decimal)t.Value.MemoryGiB * 1024) - c.Usage.NodeReservedMemoryMiB))
            .Where(t => t.Cpu > 0 && t.Memory > 0 && pods.All(p => p.Cpu <= t.Cpu && p.Memory <= t.Memory))
            .Select(t => (t.Type, Nodes: Math.Max(spread, (int)Math.Max(Math.Ceiling(totalCpu / t.Cpu), Math.Ceiling(totalMemory / t.Memory)))))
            .Select(t => (t.Type, t.Nodes, Monthly: t.Nodes * c.Prices.Find(c.Region, PriceKeys.Ec2(t.Type))!.Usd))
            .OrderBy(t => t.Monthly).ThenBy(t => t.Nodes).ThenBy(t => t.Type, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Type is null)
        {
            c.Notes.Add($"{c.Stack}: no priced instance type fits the largest of {who}; add bigger types to {PriceTable.RepositoryPath}.");
            return;
        }

        var requests = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{UsageAssumptions.Number(totalCpu)}m CPU, {UsageAssumptions.Number(Math.Round(totalMemory))}Mi requested");
        var path = declarations[0].Path;
        c.Add(path, $"{best.Nodes} x {best.Type} {capacityType} node{(best.Nodes == 1 ? "" : "s")} (Karpenter) for {who} ({requests})",
            best.Nodes * c.Prices.HoursPerMonth, PriceKeys.Ec2(best.Type), CostBasis.Runtime, factor);
        c.Add(path, $"{best.Nodes} x {cluster.RootVolumeGiB} GiB {cluster.RootVolumeType} root volume of the Karpenter node{(best.Nodes == 1 ? "" : "s")}",
            best.Nodes * cluster.RootVolumeGiB, $"ebs.{cluster.RootVolumeType}", CostBasis.Runtime);
    }
}
