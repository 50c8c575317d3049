using System;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Internal;
using Infra.Components.Kubernetes;
using Infra.Components.Observability;
using Infra.Components.Observability.Internal;
using Infra.Components.Tests.Internal;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Observability;

[Collection(CdkCollection.Name)]
public sealed class KubePrometheusStackTests
{
    private readonly PlatformScenario _s;

    public KubePrometheusStackTests(PlatformScenario scenario) => _s = scenario;

    private JsonNode Values => _s.Values(KubePrometheusStack.Release);

    private JsonNode PrometheusSpec => Values["prometheus"]!["prometheusSpec"]!;

    /// <summary>The chart's values read back into the component's records: no key the records lack, none they require missing.</summary>
    private KubePrometheusStackValues Typed => TypedJson.Read<KubePrometheusStackValues>(Values);

    [Fact]
    public void Installs_the_pinned_charts_from_their_upstream_repositories()
    {
        var kps = _s.Chart("kps")["Properties"]!;
        Assert.Equal(("kube-prometheus-stack", "94.4.0", "https://prometheus-community.github.io/helm-charts", "monitoring"),
            ((string)kps["Chart"]!, (string)kps["Version"]!, (string)kps["Repository"]!, (string)kps["Namespace"]!));
        var eso = _s.Chart("external-secrets")["Properties"]!;
        Assert.Equal(("external-secrets", "2.14.0", "https://charts.external-secrets.io"), ((string)eso["Chart"]!, (string)eso["Version"]!, (string)eso["Repository"]!));
    }

    [Fact]
    public void Bounds_prometheus_by_time_and_by_85_percent_of_its_encrypted_volume()
    {
        var spec = Typed.Prometheus.PrometheusSpec;
        Assert.Equal(("15d", "85GB"), (spec.Retention, spec.RetentionSize));
        var claim = spec.StorageSpec.VolumeClaimTemplate.Spec;
        Assert.Equal((EksCluster.DefaultStorageClass, "100Gi"), (claim.StorageClassName, claim.Resources.Requests.Storage));
        Assert.Equal(["ReadWriteOnce"], claim.AccessModes);
    }

    [Fact]
    public void Spreads_two_prometheus_replicas_over_nodes_with_requests_and_a_memory_limit()
    {
        var spec = Typed.Prometheus.PrometheusSpec;
        Assert.Equal((2, "hard"), (spec.Replicas, spec.PodAntiAffinity));
        Assert.Equal(("250m", "4Gi"), (spec.Resources.Requests.Cpu, spec.Resources.Requests.Memory));
        Assert.Equal((null, "4Gi"), (spec.Resources.Limits!.Cpu, spec.Resources.Limits.Memory));
        Assert.Equal(_s.Cluster.ClusterName, spec.ExternalLabels["cluster"]);
        Assert.Equal(2, Typed.Alertmanager.AlertmanagerSpec.Replicas);
        Assert.Equal((true, KubePrometheusStack.AlertmanagerServiceAccount), (Typed.Alertmanager.ServiceAccount.Create, Typed.Alertmanager.ServiceAccount.Name));
    }

    [Fact]
    public void Selects_every_monitor_and_rule_and_turns_off_control_plane_targets_eks_hides()
    {
        foreach (var key in new[] { "serviceMonitorSelectorNilUsesHelmValues", "podMonitorSelectorNilUsesHelmValues", "ruleSelectorNilUsesHelmValues", "probeSelectorNilUsesHelmValues" })
        {
            Assert.False((bool)PrometheusSpec[key]!, key);
        }

        foreach (var target in new[] { "kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy" })
        {
            Assert.False((bool)Values[target]!["enabled"]!, target);
        }

        Assert.True((bool)Values["crds"]!["upgradeJob"]!["enabled"]!);
    }

    /// <summary>Every pod the chart renders, by the values key its placement is read from (values.yaml of the pinned chart).</summary>
    public static TheoryData<string> MonitoringPods =>
    [
        "prometheus.prometheusSpec",
        "alertmanager.alertmanagerSpec",
        "grafana",
        "kube-state-metrics",
        "prometheusOperator",
        "prometheusOperator.admissionWebhooks.patch",
        "crds.upgradeJob",
    ];

    [Theory]
    [MemberData(nameof(MonitoringPods))]
    public void Runs_every_monitoring_pod_and_job_on_on_demand_capacity(string path)
    {
        var placement = At(Values, path);
        Assert.Equal("on-demand", (string?)placement["nodeSelector"]?["karpenter.sh/capacity-type"]);
    }

    [Fact]
    public void Runs_node_exporter_on_every_node_whatever_its_taints()
    {
        var exporter = Values["prometheus-node-exporter"]!;
        Assert.Null(exporter["nodeSelector"]);
        var toleration = Assert.Single(exporter["tolerations"]!.AsArray())!.AsObject();
        Assert.Equal(["operator"], toleration.Select(p => p.Key).ToArray());
        Assert.Equal("Exists", (string?)toleration["operator"]);
    }

    [Theory]
    [InlineData("controller")]
    [InlineData("webhook")]
    [InlineData("certController")]
    public void Runs_every_external_secrets_pod_on_the_system_nodes(string component)
    {
        var values = _s.Values("external-secrets");
        Assert.Equal("system", (string?)EffectiveEsoPlacement(values, component, "nodeSelector")?["node.infra/role"]);
        var toleration = Assert.Single(EffectiveEsoPlacement(values, component, "tolerations")!.AsArray())!;
        Assert.Equal(("CriticalAddonsOnly", "Exists", "NoSchedule"), ((string?)toleration["key"], (string?)toleration["operator"], (string?)toleration["effect"]));
    }

    [Fact]
    public void Sets_the_external_secrets_global_placement_too_so_any_new_pod_follows()
    {
        var global = _s.Values("external-secrets")["global"]!;
        Assert.Equal("system", (string?)global["nodeSelector"]?["node.infra/role"]);
        Assert.Equal("CriticalAddonsOnly", (string?)Assert.Single(global["tolerations"]!.AsArray())!["key"]);
    }

    // The External Secrets chart reads each pod's placement as `<component>.<key> | default global.<key>`; the
    // controller's from the top level (templates/deployment.yaml, webhook-deployment.yaml, cert-controller-deployment.yaml).
    private static JsonNode? EffectiveEsoPlacement(JsonNode values, string component, string key)
    {
        var own = component == "controller" ? values[key] : values[component]?[key];
        var empty = own is null || (own is JsonObject o && o.Count == 0) || (own is JsonArray a && a.Count == 0);
        return empty ? values["global"]?[key] : own;
    }

    private static JsonNode At(JsonNode values, string path) =>
        path.Split('.').Aggregate(values, (node, key) => node[key] ?? throw new InvalidOperationException($"{path}: no '{key}' in the chart values."));

    [Fact]
    public void Keeps_grafanas_credentials_out_of_every_template_and_helm_value()
    {
        var grafana = Values["grafana"]!;
        Assert.Null(grafana["adminPassword"]);
        Assert.Equal(KubePrometheusStack.GrafanaAdminSecret, (string?)grafana["admin"]!["existingSecret"]);

        var secret = _s.Resource("AWS::SecretsManager::Secret", "MonitoringGrafanaAdmin")["Properties"]!;
        Assert.Null(secret["SecretString"]);
        Assert.Equal("admin-password", (string?)secret["GenerateSecretString"]!["GenerateStringKey"]);
        Assert.Equal(32, (int)secret["GenerateSecretString"]!["PasswordLength"]!);

        // Only the ExternalSecret names the secret, by ARN; no chart's values refer to it.
        var secretId = _s.LogicalId("AWS::SecretsManager::Secret", "MonitoringGrafanaAdmin");
        foreach (var chart in _s.Revisioned.Resources("Custom::AWSCDK-EKS-HelmChart").Values)
        {
            var values = chart["Properties"]!["Values"]!.TextWithRefs();
            Assert.DoesNotContain(secretId, values, StringComparison.Ordinal);
            Assert.DoesNotContain("password\":\"", values, StringComparison.OrdinalIgnoreCase);
        }

        var manifest = _s.Resource("Custom::AWSCDK-EKS-KubernetesResource", "MonitoringSecretStore")["Properties"]!["Manifest"]!.TextWithRefs();
        var documents = JsonNode.Parse(manifest)!.AsArray();
        Assert.Equal(["Namespace", "ClusterSecretStore", "ExternalSecret"], documents.Select(d => (string)d!["kind"]!).ToArray());
        Assert.Equal("monitoring", (string?)documents[0]!["metadata"]!["name"]);
        var external = documents.Single(m => (string?)m!["kind"] == "ExternalSecret")!;
        Assert.Equal("monitoring", (string?)external["metadata"]!["namespace"]);
        Assert.Equal($"${{{secretId}}}", (string?)external["spec"]!["dataFrom"]![0]!["extract"]!["key"]);
    }

    [Fact]
    public void Lets_external_secrets_read_only_the_grafana_secret()
    {
        var association = _s.Resource("AWS::EKS::PodIdentityAssociation", "MonitoringExternalSecretsRoleAssociation")["Properties"]!;
        Assert.Equal(("external-secrets", "external-secrets"), ((string)association["Namespace"]!, (string)association["ServiceAccount"]!));
        var statements = _s.Resource("AWS::IAM::Policy", "MonitoringExternalSecretsRoleDefaultPolicy")["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        var read = statements.Single(s => s!["Action"]!.ToJsonString().Contains("secretsmanager:GetSecretValue", StringComparison.Ordinal))!;
        Assert.Equal("{\"Ref\":\"" + _s.LogicalId("AWS::SecretsManager::Secret", "MonitoringGrafanaAdmin") + "\"}", read["Resource"]!.ToJsonString());
        Assert.DoesNotContain(statements, s => s!["Resource"]!.ToJsonString() == "\"*\"");
    }

    [Fact]
    public void Sends_alerts_to_an_encrypted_tls_only_topic_through_alertmanagers_own_role()
    {
        var topicId = _s.LogicalId("AWS::SNS::Topic", "MonitoringAlertTopic");
        var config = Typed.Alertmanager.Config;
        Assert.Equal("sns", config.Route.Receiver);
        var sns = Assert.Single(config.Receivers.Single(r => r.Name == config.Route.Receiver).SnsConfigs!);
        Assert.Equal(($"${{{topicId}}}", "us-east-1"), (sns.TopicArn, sns.SigV4.Region));

        var association = _s.Resource("AWS::EKS::PodIdentityAssociation", "MonitoringAlertmanagerRoleAssociation")["Properties"]!;
        Assert.Equal(("monitoring", KubePrometheusStack.AlertmanagerServiceAccount), ((string)association["Namespace"]!, (string)association["ServiceAccount"]!));
        var publish = _s.Resource("AWS::IAM::Policy", "MonitoringAlertmanagerRoleDefaultPolicy")["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Single(s => s!["Action"]!.ToJsonString() == "\"sns:Publish\"")!;
        Assert.Equal("{\"Ref\":\"" + topicId + "\"}", publish["Resource"]!.ToJsonString());

        var keyUse = _s.Resource("AWS::IAM::Policy", "MonitoringAlertmanagerRoleDefaultPolicy")["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Single(s => s!["Action"]!.ToJsonString().Contains("kms:GenerateDataKey*", StringComparison.Ordinal))!;
        Assert.Contains(_s.LogicalId("AWS::KMS::Key", "MonitoringKey"), keyUse["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cloudwatch.amazonaws.com", _s.Resource("AWS::KMS::Key", "MonitoringKey")["Properties"]!["KeyPolicy"]!.ToJsonString(), StringComparison.Ordinal);

        var topic = _s.Resource("AWS::SNS::Topic", "MonitoringAlertTopic")["Properties"]!;
        Assert.Contains(_s.LogicalId("AWS::KMS::Key", "MonitoringKey"), topic["KmsMasterKeyId"]!.ToJsonString(), StringComparison.Ordinal);
        var deny = _s.Resource("AWS::SNS::TopicPolicy", "MonitoringAlertTopicPolicy")["Properties"]!["PolicyDocument"]!["Statement"]![0]!;
        Assert.Equal(("Deny", "false"), ((string)deny["Effect"]!, (string)deny["Condition"]!["Bool"]!["aws:SecureTransport"]!));
    }

    [Fact]
    public void Retains_the_key_and_secret_when_asked_and_rotates_the_key()
    {
        var key = _s.Resource("AWS::KMS::Key", "MonitoringKey");
        Assert.Equal(("Retain", "Retain"), ((string)key["DeletionPolicy"]!, (string)key["UpdateReplacePolicy"]!));
        Assert.True((bool)key["Properties"]!["EnableKeyRotation"]!);
        var secret = _s.Resource("AWS::SecretsManager::Secret", "MonitoringGrafanaAdmin");
        Assert.Equal("Retain", (string?)secret["DeletionPolicy"]);
    }

    [Fact]
    public void Installs_the_chart_only_after_its_roles_and_the_grafana_secret_exist()
    {
        var dependsOn = _s.Chart("kps")["DependsOn"]!.AsArray().Select(d => (string)d!).ToArray();
        Assert.Contains(_s.LogicalId("AWS::EKS::PodIdentityAssociation", "MonitoringAlertmanagerRoleAssociation"), dependsOn);
        Assert.Contains(_s.LogicalId("Custom::AWSCDK-EKS-KubernetesResource", "MonitoringSecretStore"), dependsOn);
        var storeDependsOn = _s.Resource("Custom::AWSCDK-EKS-KubernetesResource", "MonitoringSecretStore")["DependsOn"]!.ToJsonString();
        Assert.Contains(_s.Revisioned.Resources("Custom::AWSCDK-EKS-HelmChart").Single(c => (string?)c.Value["Properties"]!["Release"] == "external-secrets").Key, storeDependsOn, StringComparison.Ordinal);
    }

    [Fact]
    public void Provisions_the_karpenter_and_istio_dashboards_at_pinned_revisions()
    {
        var grafana = Typed.Grafana;
        var provider = Assert.Single(grafana.DashboardProviders.File.Providers);
        Assert.Equal(("Platform", "file", $"/var/lib/grafana/dashboards/{provider.Name}"), (provider.Folder, provider.Type, provider.Options.Path));

        // The chart writes grafana.dashboards.<provider> into the provider's folder: the two names must agree.
        var dashboards = Assert.Single(grafana.Dashboards, d => d.Key == provider.Name).Value;
        Assert.Equal(KubePrometheusStackVersions.Dashboards.Keys, dashboards.Keys);
        Assert.All(dashboards, d => Assert.Equal((KubePrometheusStackVersions.Dashboards[d.Key].Id, KubePrometheusStackVersions.Dashboards[d.Key].Revision, "Prometheus"),
            (d.Value.GnetId, d.Value.Revision, d.Value.Datasource)));
        Assert.Equal(22171, dashboards["karpenter-overview"].GnetId);
        Assert.Contains(dashboards.Keys, k => k.StartsWith("istio", StringComparison.Ordinal));
    }

    [Fact]
    public void Drops_only_the_always_firing_watchdog_and_groups_alerts_by_name_and_namespace()
    {
        var route = Typed.Alertmanager.Config.Route;
        Assert.Equal(["alertname", "namespace"], route.GroupBy!);
        Assert.Null(route.Matchers);
        var watchdog = Assert.Single(route.Routes!);
        Assert.Equal(("null", "alertname = \"Watchdog\""), (watchdog.Receiver, Assert.Single(watchdog.Matchers!)));
        Assert.Null(watchdog.Routes);
        var receivers = Typed.Alertmanager.Config.Receivers;
        Assert.Equal(["null", "sns"], receivers.Select(r => r.Name).ToArray());
        Assert.Null(receivers.Single(r => r.Name == watchdog.Receiver).SnsConfigs);
        Assert.Equal("{{ .CommonLabels.alertname }} on " + _s.Cluster.ClusterName, Assert.Single(receivers.Single(r => r.Name == "sns").SnsConfigs!).Subject);
    }

    [Fact]
    public void Syncs_the_admin_secret_into_exactly_the_secret_and_keys_grafana_reads()
    {
        var documents = JsonNode.Parse(_s.Resource("Custom::AWSCDK-EKS-KubernetesResource", "MonitoringSecretStore")["Properties"]!["Manifest"]!.TextWithRefs())!.AsArray();
        Assert.Equal(3, documents.Count);
        var ns = TypedJson.ReadManifest<NamespaceObject>(documents[0]!);
        var store = TypedJson.ReadManifest<ClusterObject<ExternalSecretsManifests.SecretStoreSpec>>(documents[1]!);
        var external = TypedJson.ReadManifest<KubernetesObject<ExternalSecretsManifests.ExternalSecretSpec>>(documents[2]!);

        Assert.Equal(("v1", "Namespace", KubePrometheusStack.Namespace), (ns.ApiVersion, ns.Kind, ns.Metadata.Name));
        Assert.Equal((KubePrometheusStackVersions.ExternalSecretsApi, "ClusterSecretStore"), (store.ApiVersion, store.Kind));
        Assert.Equal(("SecretsManager", "us-east-1"), (store.Spec.Provider.Aws.Service, store.Spec.Provider.Aws.Region));
        Assert.Equal((KubePrometheusStackVersions.ExternalSecretsApi, "ExternalSecret", ns.Metadata.Name), (external.ApiVersion, external.Kind, external.Metadata.Namespace));
        Assert.Equal((store.Kind, store.Metadata.Name), (external.Spec.SecretStoreRef.Kind, external.Spec.SecretStoreRef.Name));
        Assert.Equal("1h", external.Spec.RefreshInterval);

        // Grafana reads the Kubernetes secret the ExternalSecret writes, by the JSON keys the generated secret has.
        var admin = Typed.Grafana.Admin;
        Assert.Equal(admin.ExistingSecret, external.Spec.Target.Name);
        var secretId = _s.LogicalId("AWS::SecretsManager::Secret", "MonitoringGrafanaAdmin");
        Assert.Equal($"${{{secretId}}}", Assert.Single(external.Spec.DataFrom).Extract.Key);
        var generated = _s.Resource("AWS::SecretsManager::Secret", "MonitoringGrafanaAdmin")["Properties"]!["GenerateSecretString"]!;
        Assert.Equal(admin.PasswordKey, (string?)generated["GenerateStringKey"]);
        Assert.Contains($"\"{admin.UserKey}\"", (string)generated["SecretStringTemplate"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_every_bad_prop_at_once()
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var e = Assert.Throws<ConstructValidationException>(() => new KubePrometheusStack(stack, "Monitoring", new KubePrometheusStackProps
        {
            Cluster = _s.Cluster,
            PrometheusReplicas = 0,
            Retention = "2 days",
            StorageGiB = 5,
            PrometheusCpu = "250 millicores",
            PrometheusMemory = "1 GB",
        }));
        Assert.Contains("PrometheusReplicas: 0 must be 1 to 3.", e.Message, StringComparison.Ordinal);
        Assert.Contains("Retention: '2 days' is not a Prometheus retention; use a whole number of h, d, w or y such as 2d or 15d.", e.Message, StringComparison.Ordinal);
        Assert.Contains("StorageGiB: 5 must be 10 to 2000 (GiB per replica).", e.Message, StringComparison.Ordinal);
        Assert.Contains("PrometheusCpu: '250 millicores' is not a CPU quantity such as 250m or 1.", e.Message, StringComparison.Ordinal);
        Assert.Contains("PrometheusMemory: '1 GB' is not a memory quantity such as 1Gi or 512Mi.", e.Message, StringComparison.Ordinal);
    }
}
