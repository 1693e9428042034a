using System.Collections.Concurrent;

namespace Providers.Emulator.Spirit;

/// <summary>Every Spirit request by id; a finished one is forgotten once the status retention has passed.</summary>
internal sealed class SpiritJobStore(EmulatorOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SpiritJob> _jobs = new(StringComparer.Ordinal);
    private long _sequence = 1000;

    public string NextSequence() => Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Add(SpiritJob job) => _jobs[job.Id] = job;

    public SpiritJob? Find(string id)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return null;
        }

        if (job.FinishedAt is { } finished && time.GetElapsedTime(finished) >= options.SpiritStatusRetention)
        {
            _jobs.TryRemove(id, out _);
            return null;
        }

        return job;
    }

    public IEnumerable<SpiritJob> Queued => _jobs.Values.Where(j => j.Status == SpiritStatus.Queueing && !j.IsFinished);
}
