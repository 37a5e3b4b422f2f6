using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PartyGrid.ServiceDefaults.Hosting;
using Xunit;

namespace PartyGrid.Messaging.Tests;

/// <summary>Trace sampling as the services configure it: a ratio of new traces, the caller's decision, and every error kept.</summary>
public sealed class TraceSamplingTests
{
    [Fact]
    public void With_no_new_trace_chosen_only_errors_and_children_of_a_sampled_caller_are_exported()
    {
        using var source = new ActivitySource($"sampling-{Guid.NewGuid():N}");
        var exported = new List<string>();
        using (Provider(source, ratio: 0, exported))
        {
            using (source.StartActivity("quiet"))
            {
            }

            using (var failing = source.StartActivity("failing"))
            {
                failing?.SetStatus(ActivityStatusCode.Error, "refused");
            }

            var sampledCaller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
            using (source.StartActivity("called", ActivityKind.Server, sampledCaller))
            {
            }

            var unsampledCaller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
            using (source.StartActivity("called quietly", ActivityKind.Server, unsampledCaller))
            {
            }
        }

        Assert.Equal(["failing", "called"], exported);
    }

    [Fact]
    public void With_every_trace_chosen_everything_is_exported()
    {
        using var source = new ActivitySource($"sampling-{Guid.NewGuid():N}");
        var exported = new List<string>();
        using (Provider(source, ratio: 1, exported))
        {
            for (var i = 0; i < 20; i++)
            {
                using (source.StartActivity($"span {i}"))
                {
                }
            }
        }

        Assert.Equal(20, exported.Count);
    }

    private static TracerProvider Provider(ActivitySource source, double ratio, List<string> exported) =>
        Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .SetSampler(TraceSampling.Sampler(ratio))
            .AddProcessor(TraceSampling.ErrorsKept())
            .AddProcessor(new SimpleActivityExportProcessor(new ListExporter(exported)))
            .Build()!;

    private sealed class ListExporter(List<string> names) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                names.Add(activity.DisplayName);
            }

            return ExportResult.Success;
        }
    }
}
