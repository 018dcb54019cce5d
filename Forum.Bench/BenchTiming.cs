using System.Diagnostics;

namespace Forum.Bench;

/// <summary>How the bench-* commands time one thing: a warm-up run, then median and p95 of the runs.</summary>
public static class BenchTiming
{
    public static async Task MeasureAsync(string name, int runs, Func<Task> action)
    {
        await action(); // warm-up: JIT and page cache
        var timings = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        Console.WriteLine($"{name,-34} median {timings[timings.Count / 2],8:F1} ms   p95 {timings[(int)Math.Ceiling(timings.Count * 0.95) - 1],8:F1} ms   ({runs} runs)");
    }
}
