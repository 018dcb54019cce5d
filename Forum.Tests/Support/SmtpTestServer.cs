using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MimeKit;

namespace Forum.Tests.Support;

/// <summary>A message the SMTP server accepted: the envelope and the parsed MIME message.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, MimeMessage Message)
{
    public string To => Recipients.Single();
    public string Subject => Message.Subject ?? "";
    public string Text => Message.TextBody ?? "";
    public string Html => Message.HtmlBody ?? "";
}

/// <summary>
/// A real SMTP server process (Debian's python3-aiosmtpd running Support/smtp_server.py) on a free loopback port.
/// It can be stopped and started again on the same port to play "SMTP down".
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly string[] _reject;
    private readonly string[] _defer;
    private readonly TempDirectory _directory = new();
    private Process? _process;

    private SmtpTestServer(int port, string[] reject, string[] defer)
    {
        Port = port;
        _reject = reject;
        _defer = defer;
    }

    public int Port { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port nothing listens on (for "SMTP down" from the start).</summary>
    public static SmtpTestServer NotStarted(string[]? reject = null) => new(FreePort(), reject ?? [], []);

    public static async Task<SmtpTestServer> StartAsync(string[]? reject = null, string[]? defer = null)
    {
        var server = new SmtpTestServer(FreePort(), reject ?? [], defer ?? []);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "python3 is missing: run ./test.sh, which installs python3-aiosmtpd.");
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "smtp_server.py");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", _directory.Path })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var address in _reject)
        {
            start.ArgumentList.Add("--reject");
            start.ArgumentList.Add(address);
        }

        foreach (var address in _defer)
        {
            start.ArgumentList.Add("--defer");
            start.ArgumentList.Add(address);
        }

        _process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "READY")
        {
            var error = await _process.StandardError.ReadToEndAsync(CancellationToken.None);
            throw new InvalidOperationException($"the SMTP test server did not start (is python3-aiosmtpd installed?): {line} {error}");
        }
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedMail> Received()
    {
        return Directory.GetFiles(_directory.Path, "*.json").Order(StringComparer.Ordinal).Select(path =>
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(root.GetProperty("data").GetString()!));
            return new ReceivedMail(
                root.GetProperty("mail_from").GetString()!,
                root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!).ToList(),
                MimeMessage.Load(data));
        }).ToList();
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> messages arrived; for tests of background jobs.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = Received();
            if (received.Count >= count || DateTime.UtcNow > deadline)
            {
                return received;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }
}
