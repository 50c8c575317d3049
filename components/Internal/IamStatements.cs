using System.Collections.Generic;
using Amazon.CDK.AWS.IAM;

namespace Infra.Components.Internal;

/// <summary>Short forms for the hand-written IAM policies of the components.</summary>
internal static class IamStatements
{
    /// <summary>An Allow statement with a Sid, so reviews and policy findings can name it.</summary>
    public static PolicyStatement Allow(string sid, string[] actions, string[] resources, Dictionary<string, object>? conditions = null) =>
        new(new PolicyStatementProps { Sid = sid, Actions = actions, Resources = resources, Conditions = conditions });
}
