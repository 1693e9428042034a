namespace Providers.Spirit;

/// <summary>
/// A handle on one async Spirit-GPU job: poll its status, wait for its result, or cancel it. Keep <see cref="Id"/> and
/// <see cref="Sequence"/> to rebuild the handle later with <see cref="SpiritJobClient.GetJob"/>.
/// </summary>
public sealed class SpiritJob
{
    private readonly SpiritJobClient _client;

    internal SpiritJob(SpiritJobClient client, string id, string? sequence, Uri? webhook)
    {
        _client = client;
        Id = id;
        Sequence = sequence;
        Webhook = webhook;
    }

    /// <summary>Gets the job's request id, which the webhook and status calls name it by.</summary>
    public string Id { get; }

    /// <summary>Gets the job's sequence number, needed to cancel it; <see langword="null"/> when unknown.</summary>
    public string? Sequence { get; }

    /// <summary>Gets the URL the service posts the job's result to, if the job was submitted with one.</summary>
    public Uri? Webhook { get; }

    /// <summary>Gets the job's current status.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status.</returns>
    public Task<SpiritJobStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        _client.GetStatusAsync(Id, cancellationToken);

    /// <summary>Waits for the job's result; see <see cref="SpiritJobClient.WaitForResultAsync"/>.</summary>
    /// <param name="cancellationToken">Stops waiting; the job itself goes on.</param>
    /// <returns>The handler's output.</returns>
    public Task<SpiritResult> WaitForResultAsync(CancellationToken cancellationToken = default) =>
        _client.WaitForResultAsync(this, cancellationToken);

    /// <summary>Asks the service to cancel the job (<c>DELETE /v1/{id}/async?requestID=R&amp;sequence=S</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes once the service has accepted the cancellation.</returns>
    /// <exception cref="InvalidOperationException">The handle has no <see cref="Sequence"/>.</exception>
    public Task CancelAsync(CancellationToken cancellationToken = default) =>
        _client.CancelAsync(Id, Sequence ?? throw new InvalidOperationException(
            $"Spirit-GPU job {Id} cannot be cancelled without its sequence number; rebuild the handle with SpiritJobClient.GetJob(id, sequence)."),
            cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"Spirit-GPU job {Id}";
}
