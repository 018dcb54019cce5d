using System.Collections.Concurrent;
using System.Diagnostics;

namespace Forum.Tests.Support;

/// <summary>
/// A real server process the test starts (Debian's nginx or prometheus, or the forum itself): its output is kept line
/// by line, and it is stopped (the process tree) when the test ends.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Every line written so far to standard output and standard error.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        Assert.True(File.Exists(fileName), $"{fileName} is missing: run ./test.sh, which installs the Debian packages the tests need.");
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until <paramref name="url"/> answers 2xx; fails with the process's output if it exits or never does.</summary>
    public async Task WaitForAsync(string url, TimeSpan? within = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (within ?? TimeSpan.FromSeconds(60)))
        {
            Assert.False(_process.HasExited, $"{_process.StartInfo.FileName} exited:\n{string.Join('\n', Lines)}");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{url} never answered:\n{string.Join('\n', Lines)}");
    }

    /// <summary>For a command that ends by itself (promtool): waits for it and returns its output.</summary>
    public async Task<IReadOnlyList<string>> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        _process.WaitForExit();
        return Lines;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
