using System.Globalization;
using Forum.Core.Briefing;
using Forum.Core.Companies;
using Forum.Core.Escalation;
using Forum.Core.Time;
using Forum.Web.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ScottPlot;

namespace Forum.Web.Briefing;

/// <summary>
/// The briefing's 30-day chart, drawn on the server with ScottPlot as a PNG, so the same picture works on the page
/// and inline in the digest e-mail: daily new complaints per company (a panel each) and the share answered within
/// the rule (its own panel).
/// </summary>
public sealed class BriefingChart(
    IStatisticsRepository statistics,
    CatalogCache catalogs,
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
        return DailySeries.Build(facts, companies, DateOnly.FromDateTime(clock.ToLocal(now)), Days, clock.Zone, now);
    }

    /// <summary>
    /// Small multiples: one panel of daily bars per local company, all on the same whole-number scale so panels
    /// compare at a glance, and a last panel with the share answered within 3 h. Each panel says what it shows in its
    /// title, so no legend covers the data. Wide: two columns (the page on a desktop); narrow: one column that stays
    /// readable on a phone (the page on a phone, and the e-mail).
    /// </summary>
    public async Task<byte[]> RenderPngAsync(ChartShape shape = ChartShape.Wide, CancellationToken cancellationToken = default)
    {
        var series = await SeriesAsync(cancellationToken);
        var companies = (await catalogs.GetAsync(cancellationToken)).LocalCompanies.ToList();
        var xs = series.Select(p => p.Date.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        var highest = Math.Max(1, series.SelectMany(p => p.NewByCompany.Values).DefaultIfEmpty(0).Max());
        var (width, height, rows, columns) = Layout(shape, companies.Count);
        var multiplot = new ScottPlot.Multiplot();
        multiplot.AddPlots(companies.Count + 1);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);

        for (var i = 0; i < companies.Count; i++)
        {
            var plot = multiplot.GetPlot(i);
            var counts = series.Select(p => (double)p.NewByCompany.GetValueOrDefault(companies[i].Id)).ToArray();
            // Days without complaints get no bar at all (an empty bar would still draw its outline on the axis).
            var days = Enumerable.Range(0, xs.Length).Where(d => counts[d] > 0).ToList();
            if (days.Count > 0)
            {
                var bars = plot.Add.Bars(days.Select(d => xs[d]).ToArray(), days.Select(d => counts[d]).ToArray());
                bars.Color = ScottPlot.Color.FromHex("#1f5f99");
            }

            Style(plot, localizer["ChartCompanyPanel", companies[i].DisplayName, (int)counts.Sum()], xs);
            // Complaints come whole: ticks at whole numbers only, one scale for every company.
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.SetLimitsY(0, Math.Ceiling(highest * 1.15));
        }

        var share = multiplot.GetPlot(companies.Count);
        // Only days with complaints whose 3 h had passed have a share; the others are left out, not drawn as zero.
        var measured = Enumerable.Range(0, xs.Length).Where(d => series[d].AnsweredWithinRule is not null).ToList();
        if (measured.Count > 0)
        {
            var rate = share.Add.Scatter(measured.Select(d => xs[d]).ToArray(), measured.Select(d => series[d].AnsweredWithinRule!.Value * 100).ToArray());
            rate.Color = ScottPlot.Color.FromHex("#0d6b4f");
            rate.LineWidth = 2;
            rate.MarkerSize = 5;
        }

        Style(share, localizer["ChartOnTime"], xs);
        share.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(25);
        share.Axes.SetLimitsY(0, 105);

        using var image = multiplot.Render(width, height);
        return image.GetImageBytes(ScottPlot.ImageFormat.Png);
    }

    /// <summary>The picture's size and grid for a number of companies (a panel each, and one for the 3 h share).</summary>
    public static (int Width, int Height, int Rows, int Columns) Layout(ChartShape shape, int companies)
    {
        var columns = shape == ChartShape.Wide ? 2 : 1;
        var rows = (companies + 1 + columns - 1) / columns;
        return shape == ChartShape.Wide ? (960, rows * 220, rows, columns) : (560, rows * 200, rows, columns);
    }

    private static void Style(ScottPlot.Plot plot, string title, double[] xs)
    {
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.SetLimitsX(xs[0] - 1, xs[^1] + 1);
        plot.Title(title);
        plot.Axes.Title.Label.FontSize = 17;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        // A font that can draw Chinese names, when one is installed (fonts-noto-cjk; see the README). The bundled
        // Skia has no fontconfig, so the file is loaded by path.
        if (CjkFont.Value is { } family)
        {
            plot.Font.Set(family);
        }
    }
}

/// <summary>The chart's arrangement: two columns for a desktop page, one for a phone and for the e-mail.</summary>
public enum ChartShape
{
    Wide,
    Narrow,
}
