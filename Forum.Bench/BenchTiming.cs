using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Forum.Bench;

/// <summary>How the bench-* commands time one thing: a warm-up run, then median and p95 of the runs.</summary>
public static class BenchTiming
{
    /// <summary>
    /// Host settings for the write benchmarks: no configuration reload. The working directory is the content root and
    /// often holds the bench database; watching it for appsettings changes would wake a thread on every write.
    /// </summary>
    public static HostApplicationBuilderSettings HostSettings()
    {
        var configuration = new ConfigurationManager();
        configuration["hostBuilder:reloadConfigOnChange"] = "false";
        return new HostApplicationBuilderSettings { Configuration = configuration };
    }

    /// <summary>
    /// CPU used by this process so far. On a shared machine the CPU time per operation moves much less with the load
    /// than the wall-clock rate does, so the write benchmarks print both.
    /// </summary>
    public static TimeSpan ProcessorTime() => Process.GetCurrentProcess().TotalProcessorTime;

    public static async Task MeasureAsync(string name, int runs, Func<Task> action)
    {
        await action(); // warm-up: JIT and page cache
        var timings = new List<double>();
        var cpu = ProcessorTime();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        var cpuPerRun = (ProcessorTime() - cpu).TotalMilliseconds / runs;
        timings.Sort();
        Console.WriteLine($"{name,-34} median {timings[timings.Count / 2],8:F1} ms   p95 {timings[(int)Math.Ceiling(timings.Count * 0.95) - 1],8:F1} ms   CPU {cpuPerRun,6:F1} ms each   ({runs} runs)");
    }
}
