using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace PartyGrid.ServiceDefaults.Hosting;

/// <summary>
/// Which traces are exported: a ratio of new traces (<c>Telemetry:TraceSampleRatio</c>, 1 keeps all), the
/// caller's decision for the rest, and every span that ends in error whatever was decided. A trace
/// not chosen is still recorded in-process but not exported, so that a span which fails can be kept
/// when it ends; exporting is what costs at a high rate, not the recording.
/// </summary>
public static class TraceSampling
{
    public const string RatioKey = "Telemetry:TraceSampleRatio";

    public static Sampler Sampler(double ratio) => new KeepForErrors(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)));

    /// <summary>Marks a span that ended in error for export; add before the exporter.</summary>
    public static BaseProcessor<Activity> ErrorsKept() => new KeepErrors();

    private sealed class KeepForErrors(Sampler chosen) : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
        {
            var decision = chosen.ShouldSample(samplingParameters);
            return decision.Decision == SamplingDecision.Drop ? new SamplingResult(SamplingDecision.RecordOnly) : decision;
        }
    }

    private sealed class KeepErrors : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.Status == ActivityStatusCode.Error && !data.Recorded)
            {
                data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
            }
        }
    }
}
