using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Ec2;

/// <summary>Reads the EBS block-device mappings of an <c>AWS::EC2::LaunchTemplate</c>.</summary>
internal static class LaunchTemplateBlockDevices
{
    /// <summary>The path of the mappings under the launch template's properties.</summary>
    public const string Path = "LaunchTemplateData.BlockDeviceMappings";

    /// <summary>
    /// The literal <c>Ebs</c> objects of the mappings with their index; nothing when the list is an intrinsic.
    /// Mappings without <c>Ebs</c> (instance store, <c>NoDevice</c>) and intrinsic entries are left out.
    /// </summary>
    public static IEnumerable<(int Index, JsonObject Ebs)> Ebs(TemplateResource launchTemplate)
    {
        if (IntrinsicPath.IsUnknown(launchTemplate.Properties, Path))
        {
            return [];
        }

        return Cfn.Items(launchTemplate.Property(Path))
            .Select((mapping, index) => (Index: index, Ebs: (mapping as JsonObject)?["Ebs"] as JsonObject))
            .Where(m => m.Ebs is not null && !Cfn.IsIntrinsic(m.Ebs))
            .Select(m => (m.Index, m.Ebs!));
    }
}
