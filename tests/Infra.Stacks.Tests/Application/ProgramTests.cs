using System;
using System.IO;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Application;

public sealed class ProgramTests
{
    [Fact]
    public void A_bad_file_prints_every_problem_without_a_stack_trace_and_synthesizes_nothing()
    {
        var config = Directory.CreateTempSubdirectory("infra-config-").FullName;
        var outdir = Path.Combine(Path.GetTempPath(), $"infra-out-{Guid.NewGuid():N}");
        try
        {
            foreach (var name in new[] { "dev", "staging", "prod" })
            {
                File.Copy(Path.Combine(RepoPaths.ConfigDirectory, $"{name}.yaml"), Path.Combine(config, $"{name}.yaml"));
            }

            var prod = Path.Combine(config, "prod.yaml");
            File.WriteAllText(prod, File.ReadAllText(prod)
                .Replace("natGateways: perAz", "natGateways: perAZ", StringComparison.Ordinal)
                .Replace("terminationProtection: true", "terminationProtection: false", StringComparison.Ordinal));

            using var errors = new StringWriter();
            var exit = Program.Synthesize(config, RepoPaths.CdkJson, outdir, errors);

            Assert.Equal(1, exit);
            var text = errors.ToString();
            Assert.StartsWith("The environment configuration has 2 problems; nothing was synthesized.", text, StringComparison.Ordinal);
            Assert.Contains("prod.yaml:", text, StringComparison.Ordinal);
            Assert.Contains("network.natGateways: 'perAZ' is not allowed; use one of: none, single, perAz.", text, StringComparison.Ordinal);
            Assert.Contains("protection.terminationProtection: is false; prod's stateful stacks must have termination protection. Set it to true.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outdir));
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }
}
