using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Forum.Core.Time;
using Forum.Web.Components.Complaints;
using Forum.Web.Components.Shared;
using Forum.Web.Moderation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Forum.Web.Components.Moderation;

/// <summary>
/// The parts of the live staff queue that do not tick, as HTML shared by every open console of a node: a row's
/// complaint, company and project, status and posting time (built once per row of the shared queue list and language),
/// and the options of the filters (once per catalog, language and scope). A console draws each as one markup frame that
/// points at the shared text. A renderer keeps two render trees per component (the current one and the previous one
/// to diff against); drawn as elements, with a status and an age component per row, 50 rows took 2,200 frames and 100
/// components: 457 KB of render trees per console. Now about 800 frames, and only the countdowns are the console's own.
/// The status and the age are written by <see cref="StatusBadgeMarkup"/> and <see cref="AgeMarkup"/>, which the
/// <see cref="StatusBadge"/> and <see cref="Age"/> components render too: the console follows any change to either.
/// </summary>
public sealed class QueueMarkup
{
    private readonly IStringLocalizer<SharedResource> localizer;
    private readonly ForumClock clock;
    private readonly HtmlEncoder encoder;
    private readonly ConditionalWeakTable<QueueRow, Row>.CreateValueCallback buildRow;

    // Per language (of text and of dates), the cells of each row of the shared lists; an entry goes with its row, so
    // with the list that a newer read replaced.
    private readonly ConcurrentDictionary<(CultureInfo Text, CultureInfo Format), ConditionalWeakTable<QueueRow, Row>> rows = new();

    // Per catalog (replaced every minute by CatalogCache), the options for each language and scope (null: HQ's).
    private readonly ConditionalWeakTable<Catalog, ConcurrentDictionary<(CultureInfo Text, long? Scope), Filters>> filters = new();

    public QueueMarkup(IStringLocalizer<SharedResource> localizer, ForumClock clock, HtmlEncoder encoder)
    {
        this.localizer = localizer;
        this.clock = clock;
        this.encoder = encoder;
        buildRow = BuildRow;
    }

    /// <summary>A row's number, the rung of its next deadline, and its cells after the deadline, as HTML.</summary>
    public sealed record Row(string Number, string? Rung, string? RungName, MarkupString Cells);

    /// <summary>The options of each filter, the first one ("any") included, as HTML.</summary>
    public sealed record Filters(MarkupString Companies, MarkupString Projects, MarkupString Categories, MarkupString Statuses);

    /// <summary>The row's shared cells in the current culture; its posting time reads "… ago" as of the list's reading.</summary>
    public Row CellsOf(QueueRow row) =>
        rows.GetOrAdd((CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture), _ => new())
            .GetValue(row, buildRow);

    public Filters FiltersFor(Catalog catalog, StaffMember staff) =>
        filters.GetValue(catalog, _ => new())
            .GetOrAdd((CultureInfo.CurrentUICulture, StaffAccess.QueueScope(staff)), static (key, state) => state.Self.BuildFilters(state.Catalog, key.Scope), (Self: this, Catalog: catalog));

    private Row BuildRow(QueueRow row)
    {
        var thread = row.Item.Thread;
        var number = thread.Number;
        var href = "/staff/threads/" + number;
        var group = thread.IsGroupComplaint ? $""" <span class="badge group">{Encode(localizer["GroupComplaint"])}</span>""" : "";
        var cells = new StringBuilder()
            .Append($"""<td class="card-title"><a class="thread-number" href="{href}">{number}</a> <a href="{href}">{Encode(thread.Title)}</a>{group}</td>""")
            .Append($"""<td data-label="{Encode($"{localizer["Company"]} / {localizer["Project"]}")}">{Encode(thread.CompanyName.ToString())} · {Encode(thread.ProjectName.ToString())}</td>""")
            .Append($"""<td data-label="{Encode(localizer["FilterStatus"])}">""");
        StatusBadgeMarkup.Write(cells, thread.Status, localizer, encoder);
        cells.Append($"""</td><td data-label="{Encode(localizer["PostedAt"])}">""");
        AgeMarkup.Write(cells, thread.CreatedAt, clock, localizer, encoder);
        cells.Append("</td>");
        var rung = row.NextDeadline?.Rung;
        return new Row(number, rung?.ToString(), rung is null ? null : localizer["StaffRung" + rung].Value, new MarkupString(cells.ToString()));
    }

    private Filters BuildFilters(Catalog catalog, long? scope)
    {
        var companies = new StringBuilder(Option("", $"{localizer["FilterCompany"]}: {localizer["Any"]}"));
        var projects = new StringBuilder(Option("", $"{localizer["FilterProject"]}: {localizer["Any"]}"));
        foreach (var company in catalog.LocalCompanies)
        {
            companies.Append(Option(company.Slug, company.DisplayName.ToString()));
            if (scope is null || company.Id == scope)
            {
                projects.Append($"""<optgroup label="{Encode(company.DisplayName.ToString())}">""");
                foreach (var project in catalog.ProjectsOf(company.Id))
                {
                    projects.Append(Option(project.Slug, project.DisplayName.ToString()));
                }

                projects.Append("</optgroup>");
            }
        }

        var categories = new StringBuilder(Option("", $"{localizer["FilterCategory"]}: {localizer["Any"]}"));
        foreach (var category in catalog.Categories)
        {
            categories.Append(Option(category.Code, category.DisplayName.ToString()));
        }

        var statuses = new StringBuilder(Option("", $"{localizer["FilterStatus"]}: {localizer["Any"]}"));
        foreach (var status in Enum.GetValues<ThreadStatus>().Where(s => s != ThreadStatus.Closed))
        {
            statuses.Append(Option(status.ToSlug(), localizer["Status" + status]));
        }

        return new Filters(
            new MarkupString(companies.ToString()), new MarkupString(projects.ToString()),
            new MarkupString(categories.ToString()), new MarkupString(statuses.ToString()));
    }

    private string Option(string value, string text) => $"""<option value="{Encode(value)}">{Encode(text)}</option>""";

    private string Encode(string text) => encoder.Encode(text);
}
