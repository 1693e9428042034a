using System.Diagnostics;
using Xunit;

namespace Providers.Testing.Conformance;

/// <summary>What the chat and embedding conformance suites check alike: traces and metadata.</summary>
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

    /// <summary>Asserts that one call was traced with the provider's name, the loopback address and the model.</summary>
    public static void AssertOneCallTraced(List<Activity> activities, string? providerName, string? modelId)
    {
        var activity = Assert.Single(activities);
        Assert.Equal(providerName, activity.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("127.0.0.1", activity.GetTagItem("server.address"));
        Assert.Equal(modelId, activity.GetTagItem("gen_ai.request.model"));
    }

    /// <summary>Asserts that metadata names the provider, the emulator's address and a default model.</summary>
    public static void AssertDescribesLoopbackService(string? providerName, Uri? providerUri, string? defaultModelId)
    {
        Assert.False(string.IsNullOrEmpty(providerName));
        Assert.Equal("127.0.0.1", providerUri?.Host);
        Assert.False(string.IsNullOrEmpty(defaultModelId));
    }
}
