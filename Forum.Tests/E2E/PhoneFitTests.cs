using System.Text.Json;
using Microsoft.Playwright;

namespace Forum.Tests.E2E;

/// <summary>
/// Every page of every role, in both languages, on a 360 px and a 390 px wide phone in real Chromium: no page scrolls
/// sideways, no link, button, label or table cell is squeezed so narrow that its words stack, every control is at least
/// 44 px tall, and axe-core (injected into the page) finds no serious or critical accessibility problem.
/// One app and one browser for the whole class; a role signs in once and both languages share its cookie.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public class PhoneFitTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly int[] Widths = [360, 390];
    private static readonly string[] Languages = ["zh-CN", "en"];

    /// <summary>The demo data's pages per role: a Shenzhen complaint with replies, a solution and a rating (T-000005,
    /// the demo homeowner's), one reopened (T-000013), and the homeowner's open one (T-000027).</summary>
    public static TheoryData<string, string?, string[]> Roles => new()
    {
        {
            "anonymous", null,
            [
                "/", "/threads/T-000005", "/threads/T-000013", "/companies/shenzhen", "/projects/sz-nanshan-yunzhu",
                "/scoreboard", "/search?q=%E7%94%B5%E6%A2%AF", "/account/sign-in", "/account/register", "/account/forgot",
                "/account/check-email", "/account/reset", "/account/confirm", "/account/denied", "/no-such-page",
            ]
        },
        { "homeowner", "homeowner@example.com", ["/", "/threads/new", "/my/complaints", "/my/followed", "/account", "/threads/T-000005", "/threads/T-000027"] },
        { "local staff", "shenzhen.staff@example.com", ["/staff", "/staff/threads/T-000013", "/staff/reports", "/threads/T-000013"] },
        { "HQ staff", "hq.staff@example.com", ["/staff", "/staff/threads/T-000005", "/staff/reports", "/staff/audit", "/briefing"] },
        { "executive", "executive@example.com", ["/briefing", "/scoreboard"] },
        { "admin", "admin@example.com", ["/admin", "/admin/outbox", "/staff/audit", "/staff"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPage_PhoneWidthsBothLanguages_FitsAndPassesAxe(string role, string? email, string[] paths)
    {
        var axe = await File.ReadAllTextAsync(AxePath, TestContext.Current.CancellationToken);
        var signedIn = email is null ? null : await SignInAsync(email);

        var problems = await Task.WhenAll(Languages.Select(language => CheckAsync(language, signedIn, paths, axe)));

        var all = problems.SelectMany(p => p).ToList();
        Assert.True(all.Count == 0, $"{role}: {all.Count} problem(s)\n" + string.Join("\n", all));
    }

    [Fact]
    public async Task Header_PhoneWithoutJavaScript_MenuOpensOnTapAndSearchStaysOpen()
    {
        var page = await browser.NewPageAsync("en", javaScript: false);
        await page.SetViewportSizeAsync(360, 800);
        await page.GotoAsync("/");
        var scoreboardLink = page.Locator("nav.site-nav a[href='/scoreboard']");

        Assert.False(await scoreboardLink.IsVisibleAsync());
        Assert.True(await page.Locator("form.site-search input[name=q]").IsVisibleAsync());

        await page.Locator("label.menu-button").ClickAsync();
        Assert.True(await scoreboardLink.IsVisibleAsync());
        Assert.True(await page.Locator(".account-nav a[href='/account/register']").IsVisibleAsync());

        await scoreboardLink.ClickAsync();
        await page.WaitForURLAsync("**/scoreboard");
        Assert.Equal("Company scoreboard", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task Header_Desktop_ShowsEveryLinkWithoutAMenuButton()
    {
        var page = await browser.NewPageAsync("zh-CN");
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/");

        Assert.False(await page.Locator("label.menu-button").IsVisibleAsync());
        Assert.True(await page.Locator("nav.site-nav a[href='/scoreboard']").IsVisibleAsync());
        Assert.True(await page.Locator(".account-nav a[href='/account/register']").IsVisibleAsync());
        Assert.True(await page.Locator("form.site-search input[name=q]").IsVisibleAsync());
        var header = await page.Locator("header.site-header").BoundingBoxAsync();
        Assert.True(header!.Height < 80, $"the desktop header is one row, not {header.Height}px");
    }

    /// <summary>Installed by ./test.sh (npm ci in Forum.Tests/E2E).</summary>
    private static string AxePath
    {
        get
        {
            var path = Path.Combine(RepositoryRoot.Path, "Forum.Tests", "E2E", "node_modules", "axe-core", "axe.min.js");
            Assert.True(File.Exists(path), $"{path} is missing: run ./test.sh, which installs axe-core with npm.");
            return path;
        }
    }

    private async Task<string> SignInAsync(string email)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", "Demo-2026!");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    private async Task<List<string>> CheckAsync(string language, string? storageState, string[] paths, string axe)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = Widths[0], Height = 800 },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            await page.SetViewportSizeAsync(Widths[0], 800);
            await page.GotoAsync(path);
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 800);
                var fit = await page.EvaluateAsync<JsonElement>(MeasureScript);
                var where = $"{language} {width}px {path}";
                if (fit.GetProperty("scrollWidth").GetInt32() > width)
                {
                    problems.Add($"{where}: scrolls sideways ({fit.GetProperty("scrollWidth").GetInt32()}px wide; widest: {fit.GetProperty("widest").GetString()})");
                }

                problems.AddRange(fit.GetProperty("squeezed").EnumerateArray().Select(e => $"{where}: squeezed {e.GetString()}"));
                problems.AddRange(fit.GetProperty("small").EnumerateArray().Select(e => $"{where}: tap target under 44px {e.GetString()}"));
            }

            // Colours and names don't change with 30 px more width: axe runs once per page and language.
            await page.EvaluateAsync(axe);
            var violations = await page.EvaluateAsync<JsonElement>(AxeScript);
            problems.AddRange(violations.EnumerateArray().Select(v => $"{language} {path}: axe {v.GetString()}"));
        }

        return problems;
    }

    private const string AxeScript = """
        async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
        }
        """;

    /// <summary>
    /// Squeezed: text laid out on two or more lines whose widest line is under three glyphs (3 em) wide, i.e. the words
    /// (or Chinese characters) stack one or two per line. Lines are counted from the text's own boxes (a Range), so
    /// padding and inline children don't matter. Visually hidden elements (clipped, for screen readers) are skipped.
    /// Tap targets: controls and navigation links shorter than 44 px.
    /// </summary>
    private const string MeasureScript = """
        () => {
            const hidden = e => {
                for (let a = e; a; a = a.parentElement) {
                    const style = getComputedStyle(a);
                    if (style.position === 'absolute' && style.clip !== 'auto') return true;
                }
                const r = e.getBoundingClientRect();
                return r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden';
            };
            const describe = e => `<${e.tagName.toLowerCase()}${e.className ? ' class="' + e.className + '"' : ''}> "${e.textContent.trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
            const squeezed = [];
            for (const e of document.querySelectorAll('a, button, th, td, label, summary, dt, dd, h1, h2, h3, legend, .badge')) {
                if (e.textContent.replace(/\s+/g, '').length < 2 || hidden(e)) continue;
                const range = document.createRange();
                range.selectNodeContents(e);
                const boxes = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
                let lines = 0, bottom = -Infinity, widest = 0;
                for (const box of boxes) {
                    if (box.top >= bottom - 2) { lines++; bottom = box.bottom; } else { bottom = Math.max(bottom, box.bottom); }
                    widest = Math.max(widest, box.width);
                }
                const em = parseFloat(getComputedStyle(e).fontSize);
                if (lines >= 2 && widest < 3 * em) squeezed.push(`${describe(e)}: ${lines} lines, ${Math.round(widest)}px wide`);
            }
            const small = [];
            for (const e of document.querySelectorAll('button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), label.menu-button, nav a')) {
                if (hidden(e)) continue;
                const height = e.getBoundingClientRect().height;
                if (height < 43.5) small.push(`${describe(e)}: ${Math.round(height)}px`);
            }
            let widest = '';
            for (const e of document.body.querySelectorAll('*')) {
                const r = e.getBoundingClientRect();
                if (r.right > innerWidth + 0.5 && !hidden(e)) { widest = `${describe(e)} ends at ${Math.round(r.right)}px`; break; }
            }
            return { scrollWidth: document.scrollingElement.scrollWidth, squeezed, small, widest };
        }
        """;
}
