using System.Globalization;
using System.Text;
using Forum.Core.Accounts;
using Forum.Web.Security;

namespace Forum.Web.Briefing;

/// <summary><c>/briefing.csv?from=yyyy-MM-dd</c>: the briefing's tables for a spreadsheet (UTF-8 with BOM, for Excel).</summary>
public static class BriefingCsv
{
    public static IEndpointRouteBuilder MapBriefingCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/briefing.csv", async (string? from, BriefingService briefing, Core.Time.ForumClock clock) =>
        {
            DateOnly? date = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            var model = await briefing.BuildAsync(date);
            var csv = new StringBuilder();
            csv.AppendLine("section,company,number,title,status,posted_local,new,open,answered_within_3h,solution_within_12h,median_first_reply_minutes,satisfaction");
            foreach (var row in model.Companies)
            {
                csv.AppendLine(string.Join(",", "company", Field(row.Company.Slug), "", "", "", "",
                    row.New.ToString(CultureInfo.InvariantCulture), row.Open.ToString(CultureInfo.InvariantCulture),
                    Share(row.Last30Days.AnsweredWithinRule), Share(row.Last30Days.SolutionWithinRule),
                    row.Last30Days.MedianFirstReply is { } m ? ((int)m.TotalMinutes).ToString(CultureInfo.InvariantCulture) : "",
                    row.Last30Days.AverageRating is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : ""));
            }

            void Thread(string section, Core.Complaints.ThreadSummary t) =>
                csv.AppendLine(string.Join(",", section, Field(t.CompanySlug), t.Number, Field(t.Title), t.Status.ToString(),
                    clock.ToLocal(t.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), "", "", "", "", "", ""));

            foreach (var t in model.NewThreads)
            {
                Thread("new", t);
            }

            foreach (var o in model.PastReply)
            {
                Thread("past_reply_deadline", o.Item.Thread);
            }

            foreach (var o in model.PastSolution)
            {
                Thread("past_solution_deadline", o.Item.Thread);
            }

            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
            var name = $"briefing-{clock.ToLocal(model.From):yyyy-MM-dd}.csv";
            return Results.File(bytes, "text/csv; charset=utf-8", name);
        }).NoStore().RequireAuthorization(policy => policy.RequireRole(ForumRoles.Executive, ForumRoles.HqStaff, ForumRoles.Admin));

        endpoints.MapGet("/briefing/chart.png", async (BriefingChart chart, string? shape) =>
                Results.File(await chart.RenderPngAsync(shape == "narrow" ? ChartShape.Narrow : ChartShape.Wide), "image/png"))
            .NoStore().RequireAuthorization(policy => policy.RequireRole(ForumRoles.Executive, ForumRoles.HqStaff, ForumRoles.Admin));
        return endpoints;
    }

    private static string Share(double? share) => share is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "";

    /// <summary>Quoted when needed; a leading =, +, - or @ is neutralised so a title cannot run as a spreadsheet formula.</summary>
    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
