using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

/// <summary>
/// The Content-Security-Policy in a real browser: the main pages, public and staff, load without a single CSP
/// violation or console error, and the interactive staff console still connects (its websocket is same-origin).
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task MainPages_UnderThePolicy_NoViolationsAndTheConsoleIsLive()
    {
        var page = await browser.NewPageAsync("zh-CN");
        var problems = new ConcurrentQueue<string>();
        // Every violation is reported by the page itself, whichever directive it broke.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        page.Console += (_, message) =>
        {
            // A failed load is reported below with its address (the browser's own /favicon.ico request is not ours).
            if (message.Type is "error" or "warning" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Enqueue($"{page.Url}: console {message.Type}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                problems.Enqueue($"{page.Url}: {response.Status} {response.Url}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"{page.Url}: page error: {error}");
        var number = "T-000001";

        foreach (var url in new[] { "/", $"/threads/{number}", "/search?q=电梯", "/scoreboard", "/companies/shenzhen", "/account/sign-in", "/account/register" })
        {
            var response = await page.GotoAsync(url);
            Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"]);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name='Input.Email']", "hq.staff@example.com");
        await page.FillAsync("input[name='Input.Password']", "Demo-2026!");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/$"));
        foreach (var url in new[] { "/briefing", $"/staff/threads/{number}", "/staff/audit", "/my/complaints" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // The staff console is Interactive Server: a click on a view is handled over the websocket.
        await page.GotoAsync("/staff");
        var view = page.Locator(".queue-filters button[data-view]").Nth(1);
        await Expect(view).Not.ToHaveClassAsync(new Regex("active"));
        // A click before the circuit is up does nothing (the prerendered button has no handler yet): click until live.
        for (var attempt = 1; ; attempt++)
        {
            await view.ClickAsync();
            try
            {
                await Expect(view).ToHaveClassAsync(new Regex("active"), new() { Timeout = 1000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 30)
            {
            }
        }
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();

        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }
}
