using System;
using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace Infra.Components.Internal;

/// <summary>The one way components make their customer-managed KMS keys.</summary>
internal static class CustomerManagedKey
{
    /// <summary>
    /// A key with the id <c>Key</c> under <paramref name="scope"/> (the id is part of the pinned logical ids): yearly
    /// rotation, the longest deletion window, and the component's removal policy.
    /// </summary>
    public static Key Create(Construct scope, string description, RemovalPolicy removalPolicy) =>
        new(scope, "Key", new KeyProps
        {
            Description = description,
            EnableKeyRotation = true,
            PendingWindow = Duration.Days(30),
            RemovalPolicy = removalPolicy,
        });

    /// <summary>
    /// Lets CloudWatch Logs in the key's region use <paramref name="key"/> for the log groups matching
    /// <paramref name="logGroupArn"/> (an exact ARN, or a pattern with <c>*</c>) and nothing else.
    /// </summary>
    public static void AllowLogGroups(Key key, string sid, string logGroupArn)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(logGroupArn);
        var stack = Stack.Of(key);
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Principals = [new ServicePrincipal($"logs.{stack.Region}.amazonaws.com")],
            Actions = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                [logGroupArn.Contains('*', StringComparison.Ordinal) ? "ArnLike" : "ArnEquals"] =
                    new Dictionary<string, object> { ["kms:EncryptionContext:aws:logs:arn"] = logGroupArn },
            },
        }));
    }
}
