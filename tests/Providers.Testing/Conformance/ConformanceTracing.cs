using System.Diagnostics;

namespace Providers.Testing.Conformance;

/// <summary>Collects the activities of one activity source, for the OpenTelemetry conformance tests.</summary>
internal static class ConformanceTracing
{
    public static ActivityListener Listen(string source, List<Activity> activities)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
