using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

/// <summary>The audit log on a 360 px phone in real Chromium: each entry a stacked card, numbers on one line.</summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public class AuditLogLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task AuditLog_At360Px_RowsStackInsideTheScreen_NumbersStayOnOneLine(string locale)
    {
        var page = await browser.NewPageAsync(locale);
        await page.SetViewportSizeAsync(360, 800);
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name='Input.Email']", "hq.staff@example.com");
        await page.FillAsync("input[name='Input.Password']", "Demo-2026!");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/$"));
        // Opening a complaint's staff page logs a contact view: the log then has a row with a complaint number.
        await page.GotoAsync("/staff/threads/T-000001");
        await page.GotoAsync("/staff/audit");

        var row = page.Locator("table.audit tbody tr").First;
        await Expect(row.Locator("td.number a")).ToHaveTextAsync(new Regex(@"^T-\d{6}$"));
        var layout = await row.EvaluateAsync<double[]>("""
            row => {
                const cells = [...row.querySelectorAll('td')].filter(td => td.offsetHeight > 0);
                const number = row.querySelector('td.number a');
                return [
                    window.innerWidth,
                    row.closest('table').getBoundingClientRect().right,
                    number.getClientRects().length,
                    cells[1].getBoundingClientRect().top - cells[0].getBoundingClientRect().bottom,
                    row.closest('table').querySelector('thead').getBoundingClientRect().height,
                ];
            }
            """);

        Assert.True(layout[1] <= layout[0], $"the table ends at {layout[1]} px on a {layout[0]} px screen");
        Assert.Equal(1, layout[2]);
        Assert.True(layout[3] >= -1, $"the second cell starts {layout[3]} px below the first: not stacked");
        Assert.True(layout[4] <= 1, "the column headings still take room; each line carries its own label");
    }
}
