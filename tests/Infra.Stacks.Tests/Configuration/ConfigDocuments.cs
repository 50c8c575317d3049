using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Infra.Stacks.Configuration;
using Xunit;

namespace Infra.Stacks.Tests.Configuration;

/// <summary>
/// Small valid environment documents, independent of the real files, and helpers that change exactly one thing in
/// them. Line numbers in expected messages refer to these documents (line 1 is the first line).
/// </summary>
internal static class ConfigDocuments
{
    /// <summary>A valid dev environment: one region, single NAT, CloudWatch flow logs.</summary>
    public const string Dev = """
        profile: development
        account: "111111111111"
        primaryRegion:
          name: us-east-1
          availabilityZones: [us-east-1a, us-east-1b]
          vpcCidr: 10.10.0.0/16
        tags:
          owner: platform-team
          costCenter: CC-PLATFORM-DEV
        network:
          natGateways: single
          flowLogs:
            destination: cloudWatchLogs
            trafficType: reject
            retentionDays: 14
        storage:
          dataBucket:
            abortIncompleteMultipartUploadDays: 1
          accessLogs:
            retentionDays: 30
          replicateToSecondaryRegion: false
        protection:
          retainStatefulResources: false
          terminationProtection: false
        kubernetes:
          version: "1.35"
          endpoint: publicAndPrivate
          publicAccessCidrs: [203.0.113.0/24]
          adminRoleArns: ["arn:aws:iam::111111111111:role/platform-admin"]
          controlPlaneLogRetentionDays: 7
          systemNodes:
            instanceTypes: [t4g.large]
            ami: al2023Arm64
            minSize: 1
            maxSize: 2
          karpenter:
            version: 1.14.1
            replicas: 1
            amiAlias: al2023@latest
            nodePools:
              - name: default
                capacityTypes: [spot, on-demand]
                architectures: [arm64, amd64]
                instanceCategories: [c, m, r]
                instanceGenerationGreaterThan: 5
                cpuLimit: "32"
                memoryLimit: 128Gi
                consolidationPolicy: whenEmptyOrUnderutilized
                consolidateAfter: 30s
                expireAfter: 168h
        database:
          engineVersion: "17.7"
          writerRegion: us-east-1
          capacity:
            type: serverlessV2
            minAcu: 0
            maxAcu: 4
            secondsUntilAutoPause: 600
          backupRetentionDays: 1
          logRetentionDays: 7
          monitoringIntervalSeconds: 0
        observability:
          prometheus:
            replicas: 1              # prometheus
            retention: 2d
            storageGiB: 20
            cpu: 250m
            memory: 1Gi
          alertmanager:
            replicas: 1              # alertmanager
        mesh:
          istioVersion: "1.31.1"
          revisioned: false
          istiodReplicas: 1
          gateway:
            internetFacing: false
            minReplicas: 1
            maxReplicas: 4
        deployment:
          roleArn: arn:aws:iam::111111111111:role/infra-github-deploy
        cost:
          monthlyBudgetUsd: 200
        """;

    /// <summary>A valid prod environment with every protection prod requires.</summary>
    public const string Prod = """
        profile: production
        account: "333333333333"
        primaryRegion:
          name: us-east-1
          availabilityZones: [us-east-1a, us-east-1b, us-east-1c]
          vpcCidr: 10.30.0.0/16
        secondaryRegion:
          name: us-west-2
          availabilityZones: [us-west-2a, us-west-2b, us-west-2c]
          vpcCidr: 10.31.0.0/16
        tags:
          owner: platform-team
          costCenter: CC-PLATFORM-PROD
        network:
          natGateways: perAz
          flowLogs:
            destination: s3
            trafficType: all
            retentionDays: 365
          interfaceEndpoints: [sts, ecr.api]
        storage:
          dataBucket:
            lifecycleRules:
              - id: tier-current-versions
                transitions:
                  - storageClass: standardIa
                    afterDays: 30
                  - storageClass: glacierInstantRetrieval
                    afterDays: 90
                expireAfterDays: 365
          accessLogs:
            retentionDays: 730
          replicateToSecondaryRegion: true
        protection:
          retainStatefulResources: true
          terminationProtection: true
        kubernetes:
          version: "1.35"
          endpoint: private
          adminRoleArns: ["arn:aws:iam::333333333333:role/platform-admin"]
          controlPlaneLogRetentionDays: 365
          systemNodes:
            instanceTypes: [m7g.large]
            ami: al2023Arm64
            minSize: 3
            maxSize: 4
          karpenter:
            version: 1.14.1
            replicas: 2
            amiAlias: al2023@v20260818
            nodePools:
              - name: default
                capacityTypes: [spot, on-demand]
                architectures: [arm64, amd64]
                instanceCategories: [c, m, r]
                instanceGenerationGreaterThan: 5
                cpuLimit: "32"
                memoryLimit: 128Gi
                consolidationPolicy: whenEmptyOrUnderutilized
                consolidateAfter: 30s
                expireAfter: 168h
        database:
          engineVersion: "17.7"
          writerRegion: us-east-1
          capacity:
            type: provisioned
            instanceClass: db.r7g.large
            readers: 1
          secondaryInstances: 1
          backupRetentionDays: 14
          logRetentionDays: 90
          monitoringIntervalSeconds: 60
        observability:
          prometheus:
            replicas: 2              # prometheus
            retention: 2d
            storageGiB: 20
            cpu: 250m
            memory: 1Gi
          alertmanager:
            replicas: 2              # alertmanager
        mesh:
          istioVersion: "1.31.1"
          revisioned: true
          istiodReplicas: 2
          gateway:
            internetFacing: false
            minReplicas: 2
            maxReplicas: 4
        deployment:
          roleArn: arn:aws:iam::333333333333:role/infra-github-deploy
        recovery:
          rpoMinutes: 15
          rtoMinutes: 240
          backup:
            continuousRetentionDays: 35
            rules:
              - name: daily
                frequency: daily
                retentionDays: 35
            copyToSecondaryRegion: true
            vaultLock:
              mode: compliance
              changeableForDays: 3
              minRetentionDays: 7
              maxRetentionDays: 400
            restoreTesting:
              frequency: weekly
        chaos:
          experiments: [karpenterCapacityLoss, availabilityZoneLoss, auroraGlobalSwitchover]
          zoneOutage:
            zone: us-east-1b
        cost:
          monthlyBudgetUsd: 1500
          blockOverBudget: true
        """;

    /// <summary>A valid staging environment: the prod document under the staging name.</summary>
    public static string Staging { get; } = Replace(Prod, "profile: production", "profile: preproduction");

    /// <summary>The repository root: the first folder above the test binaries that holds <c>Infra.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The folder of the real environment files.</summary>
    public static string ConfigDirectory { get; } = Path.Combine(RepositoryRoot, "stacks", "config");

    /// <summary>Replaces the one line that is exactly <paramref name="line"/> (indentation included).</summary>
    /// <param name="yaml">The document.</param>
    /// <param name="line">The whole line to replace; it must occur exactly once.</param>
    /// <param name="replacement">The new text; may hold several lines.</param>
    public static string Replace(string yaml, string line, string replacement)
    {
        var lines = yaml.Split('\n').ToList();
        var at = SingleIndex(lines, line);
        lines[at] = replacement;
        return string.Join('\n', lines);
    }

    /// <summary>Removes the key on <paramref name="keyLine"/> and every line indented beneath it.</summary>
    public static string RemoveBlock(string yaml, string keyLine)
    {
        var lines = yaml.Split('\n').ToList();
        var at = SingleIndex(lines, keyLine);
        var indent = Indent(keyLine);
        var end = at + 1;
        while (end < lines.Count && Indent(lines[end]) > indent)
        {
            end++;
        }

        lines.RemoveRange(at, end - at);
        return string.Join('\n', lines);
    }

    /// <summary>Loads <paramref name="yaml"/>, expecting it to fail, and returns every problem as text.</summary>
    public static IReadOnlyList<string> Problems(string yaml, string file)
    {
        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.Load(yaml, file));
        return exception.Problems.Select(p => p.ToString()).ToArray();
    }

    private static int SingleIndex(List<string> lines, string line)
    {
        var matches = lines.Select((l, i) => (l, i)).Where(x => x.l == line).Select(x => x.i).ToArray();
        return matches.Length == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected the line '{line}' exactly once in the document, found it {matches.Length} times.");
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Infra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Infra.sln above {AppContext.BaseDirectory}.");
    }
}
