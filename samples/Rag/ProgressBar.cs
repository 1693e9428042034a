using System.Diagnostics;

namespace Providers.Samples.Rag;

/// <summary>
/// A text progress bar. On a terminal it redraws one line in place; written to a file or a pipe it prints the
/// finished bar once, so logs stay readable.
/// </summary>
internal sealed class ProgressBar(TextWriter output, string label, int total)
{
    private const int BarWidth = 30;

    private readonly bool _redraw = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private int _done;

    /// <summary>Records <paramref name="count"/> more items done, and draws the bar.</summary>
    public void Advance(int count)
    {
        _done = Math.Min(total, _done + count);
        if (_redraw)
        {
            output.Write('\r' + Line());
        }

        if (_done == total)
        {
            output.WriteLine(_redraw ? string.Empty : Line());
        }
    }

    private string Line()
    {
        int filled = total == 0 ? BarWidth : _done * BarWidth / total;
        return $"{label} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {_done}/{total} in {_elapsed.Elapsed.TotalSeconds:F1} s";
    }
}
