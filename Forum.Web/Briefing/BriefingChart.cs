using System.Globalization;
using Forum.Core.Briefing;
using Forum.Core.Companies;
using Forum.Core.Escalation;
using Forum.Core.Time;
using Forum.Web.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Forum.Web.Briefing;

/// <summary>
/// The briefing's 30-day chart, drawn on the server with ScottPlot as a PNG, so the same picture works on the page
/// and inline in the digest e-mail: daily new complaints per company (lines) and the share answered within the
/// rule (dashed, right axis).
/// </summary>
public sealed class BriefingChart(
    IStatisticsRepository statistics,
    CatalogCache catalogs,
    IOptions<EscalationOptions> escalation,
    IStringLocalizer<SharedResource> localizer,
    ForumClock clock)
{
    public const int Days = 30;

    private static readonly string[] CjkFontFiles =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private static readonly Lazy<string?> CjkFont = new(() =>
    {
        var file = CjkFontFiles.FirstOrDefault(File.Exists);
        if (file is null)
        {
            return null;
        }

        const string name = "Forum CJK";
        ScottPlot.Fonts.AddFontFile(name, file);
        return name;
    });

    public async Task<IReadOnlyList<DailyPoint>> SeriesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        var companies = (await catalogs.GetAsync(cancellationToken)).LocalCompanies.Select(c => c.Id).ToList();
        var facts = await statistics.ListThreadFactsAsync(now.AddDays(-Days - 1), now.AddSeconds(1), cancellationToken);
        return DailySeries.Build(facts, companies, DateOnly.FromDateTime(clock.ToLocal(now)), Days, clock.Zone, now, escalation.Value.FirstResponse);
    }

    public async Task<byte[]> RenderPngAsync(int width = 900, int height = 360, CancellationToken cancellationToken = default)
    {
        var series = await SeriesAsync(cancellationToken);
        var companies = (await catalogs.GetAsync(cancellationToken)).LocalCompanies.ToList();
        var plot = new ScottPlot.Plot();
        var xs = series.Select(p => p.Date.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        foreach (var company in companies)
        {
            var line = plot.Add.Scatter(xs, series.Select(p => (double)p.NewByCompany.GetValueOrDefault(company.Id)).ToArray());
            line.LegendText = company.DisplayName.ToString();
            line.MarkerSize = 3;
        }

        var rate = plot.Add.Scatter(xs, series.Select(p => (p.AnsweredWithinRule ?? double.NaN) * 100).ToArray());
        rate.LegendText = localizer["ChartOnTime"];
        rate.LinePattern = ScottPlot.LinePattern.Dashed;
        rate.LineWidth = 2;
        rate.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "%";
        plot.Axes.Right.Min = 0;
        plot.Axes.Right.Max = 100;
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.Label.Text = localizer["ChartNewComplaints"];
        plot.Title(localizer["ChartTitle", Days]);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        // A font that can draw Chinese names, when one is installed (fonts-noto-cjk; see the README). The bundled
        // Skia has no fontconfig, so the file is loaded by path.
        if (CjkFont.Value is { } family)
        {
            plot.Font.Set(family);
            plot.Legend.FontName = family;
        }
        return plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
    }
}
