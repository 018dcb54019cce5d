using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Forum.Bench;

/// <summary>
/// <c>bench-consoles --url http://127.0.0.1:5197 --pid 1234 [--consoles 50] [--email hq.staff@example.com]</c>: the
/// memory one open staff console costs the forum. Signs in with Chromium (Debian's, as the tests), keeps one console
/// open as the baseline (so start-up, JIT and caches are paid), then opens <c>--consoles</c> more, each a live Blazor
/// circuit, waits until every one answers a click (handled by the server), and prints the server's resident
/// memory and managed heap (after a full collection, by <c>dotnet-gcdump</c>) before and after, per console.
/// </summary>
public static class BenchConsolesCommand
{
    private const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<int> RunAsync(string[] args)
    {
        string Text(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var url = Text("--url", "http://127.0.0.1:5197");
        var pid = int.Parse(Text("--pid", "0"), CultureInfo.InvariantCulture);
        var consoles = int.Parse(Text("--consoles", "50"), CultureInfo.InvariantCulture);
        var email = Text("--email", "hq.staff@example.com");
        var password = Text("--password", "Demo-2026!");
        // Keep the two heap dumps here (dotnet-gcdump report FILE lists what the consoles hold), instead of deleting them.
        var dumps = Text("--dumps", "");
        // Seconds to keep the consoles open after each measurement, for a closer look (dotnet-dump collect -p PID).
        var hold = TimeSpan.FromSeconds(int.Parse(Text("--hold", "0"), CultureInfo.InvariantCulture));
        if (pid <= 0)
        {
            await Console.Error.WriteLineAsync("bench-consoles needs --pid, the forum process to measure");
            return 2;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url,
            Locale = "zh-CN",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" },
        });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/sign-in");
        await signIn.FillAsync("input[name='Input.Email']", email);
        await signIn.FillAsync("input[name='Input.Password']", password);
        await signIn.ClickAsync("main form button[type=submit]");
        await signIn.WaitForURLAsync(new Regex("/$"));
        await signIn.CloseAsync();

        var first = await OpenConsoleAsync(context);
        var rows = await first.Locator("table.queue tbody tr").CountAsync();
        var before = await MeasureAsync(pid, dumps, "before");
        await HoldAsync(hold, "before");
        var stopwatch = Stopwatch.StartNew();
        var pages = new List<IPage>();
        for (var i = 0; i < consoles; i++)
        {
            pages.Add(await OpenConsoleAsync(context));
        }

        var opened = stopwatch.Elapsed;
        var after = await MeasureAsync(pid, dumps, "after");
        await HoldAsync(hold, "after");
        Console.WriteLine($"{consoles} staff consoles opened as {email} in {opened.TotalSeconds:F1} s ({rows} rows shown in each), each live");
        Console.WriteLine($"resident memory: {before.Resident / 1024.0 / 1024:F1} MB → {after.Resident / 1024.0 / 1024:F1} MB = {(after.Resident - before.Resident) / 1024.0 / consoles:F0} KB per console");
        Console.WriteLine($"managed heap after a full GC: {before.Heap / 1024.0 / 1024:F1} MB → {after.Heap / 1024.0 / 1024:F1} MB = {(after.Heap - before.Heap) / 1024.0 / consoles:F0} KB per console");
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        return 0;
    }

    /// <summary>
    /// Opens /staff and waits until its circuit is live: a click on the "overdue" view is handled by the server only
    /// once the circuit is up (the prerendered page ignores it), so the click is repeated until the view is active.
    /// </summary>
    private static async Task<IPage> OpenConsoleAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/staff", new PageGotoOptions { Timeout = 180_000 });
        var overdue = page.Locator("button[data-view='Overdue']");
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (!(await overdue.GetAttributeAsync("class") ?? "").Contains("active", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the staff console did not become interactive within 180 s");
            }

            await overdue.ClickAsync(new LocatorClickOptions { Timeout = 180_000 });
            await page.WaitForTimeoutAsync(250);
        }

        return page;
    }

    private static async Task HoldAsync(TimeSpan hold, string name)
    {
        if (hold > TimeSpan.Zero)
        {
            Console.WriteLine($"measured {name}; holding {hold.TotalSeconds:F0} s");
            await Task.Delay(hold);
        }
    }

    private static async Task<(long Resident, long Heap)> MeasureAsync(int pid, string dumps, string name)
    {
        // The heap as dotnet-gcdump sees it after the full collection it triggers; resident memory right after.
        var file = dumps.Length > 0 ? Path.Combine(dumps, $"consoles-{name}.gcdump") : Path.Combine(Path.GetTempPath(), $"forum-consoles-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            await RunToolAsync("dotnet-gcdump", $"collect -p {pid} -o {file}");
            var report = await RunToolAsync("dotnet-gcdump", $"report {file}");
            var heap = Regex.Match(report, @"([\d,]+)\s+GC Heap bytes") is { Success: true } m
                ? long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("dotnet-gcdump report printed no heap size:\n" + report);
            var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
            var rss = long.Parse(status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            return (rss, heap);
        }
        finally
        {
            if (dumps.Length == 0)
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<string> RunToolAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
