using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Providers.Emulator;

namespace Providers.Spirit.Tests.Support;

/// <summary>
/// The emulator with its Spirit-GPU service, and a webhook receiver for async jobs (the service refuses async jobs
/// without a webhook). Clients poll fast, so that tests of polling run in milliseconds.
/// </summary>
internal sealed class SpiritHarness : IAsyncDisposable
{
    public const string ServerlessId = "emulator-serverless";
    public const string ApiKey = "spirit-emulator-key";

    private readonly List<IDisposable> _clients = [];

    private readonly LoopbackServer _sink;

    private SpiritHarness(ProvidersEmulator emulator, WebhookReceiver webhooks, LoopbackServer sink)
    {
        Emulator = emulator;
        Webhooks = webhooks;
        _sink = sink;
    }

    public ProvidersEmulator Emulator { get; }

    public WebhookReceiver Webhooks { get; }

    /// <summary>Gets the requests the Spirit service received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => Emulator.Requests.For(EmulatedService.Spirit);

    /// <summary>Gets how many times a job's status was polled.</summary>
    public int StatusPolls => Requests.Count(r => r.Method == "GET" && r.Query.Contains("requestID", StringComparison.Ordinal));

    public static async Task<SpiritHarness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { SpiritApiKey = ApiKey, SpiritServerlessId = ServerlessId };
        configure?.Invoke(options);
        var emulator = await ProvidersEmulator.StartAsync(options);
        var sink = await LoopbackServer.StartAsync(app => app.MapPost("/sink", () => Results.Ok()));
        return new SpiritHarness(emulator, await WebhookReceiver.StartAsync(), sink);
    }

    /// <summary>Options pointing at the emulator, with the receiver as webhook and fast polling.</summary>
    public SpiritJobClientOptions Options(Action<SpiritJobClientOptions>? adjust = null)
    {
        var options = new SpiritJobClientOptions
        {
            Endpoint = Emulator.SpiritBaseUrl,
            ApiKey = ApiKey,
            ServerlessId = ServerlessId,
            WebhookUrl = Webhooks.Url,
            PollInterval = TimeSpan.FromMilliseconds(20),
            MaxPollInterval = TimeSpan.FromMilliseconds(100),
            Timeout = TimeSpan.FromSeconds(30),
        };
        adjust?.Invoke(options);
        return options;
    }

    /// <summary>
    /// A client that polls for every result. It has no registry, so its webhook is a plain endpoint that answers 200 to
    /// every call: the receiver would refuse deliveries through URLs its registry did not issue.
    /// </summary>
    public SpiritJobClient PollingClient(Action<SpiritJobClientOptions>? adjust = null) => Track(new SpiritJobClient(Options(options =>
    {
        options.WebhookUrl = _sink["sink"];
        adjust?.Invoke(options);
    })));

    /// <summary>A client that hears the receiver's webhook deliveries.</summary>
    public SpiritJobClient ListeningClient(Action<SpiritJobClientOptions>? adjust = null) => Track(new SpiritJobClient(Options(adjust), Webhooks.Registry));

    public async ValueTask DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await Webhooks.DisposeAsync();
        await _sink.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    private SpiritJobClient Track(SpiritJobClient client)
    {
        _clients.Add(client);
        return client;
    }
}
