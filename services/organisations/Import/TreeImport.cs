using PartyGrid.Contracts;
using PartyGrid.Organisations.Domain;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Organisations.Import;

/// <summary>
/// Plans the import of a whole tree (onboarding a county): every row is validated, parents are found
/// in the file or among existing organisations (by code), and rows are registered parents first. An
/// existing code is an update of name and kind; anything else about it must match. The plan is all or
/// nothing: any error and nothing is written.
/// </summary>
public sealed class TreeImport(Func<string, bool> mayChangeUnder)
{
    public sealed record Plan(List<Organisation> Created, List<Organisation> Updated, int Unchanged, List<ImportError> Errors);

    /// <param name="rows">The file's rows.</param>
    /// <param name="existing">Existing organisations whose codes the file names (as code or parentCode).</param>
    /// <param name="now">Registration time.</param>
    public Plan Build(IReadOnlyList<ImportRow> rows, IReadOnlyDictionary<string, Organisation> existing, DateTimeOffset now)
    {
        var errors = new List<ImportError>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var valid = new Dictionary<string, (ImportRow Row, OrganisationTier Tier, Area Area, OrganisationKind Kind, string Code, string Name)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var fields = new FieldErrors();
            var code = fields.Required("code", row.Code, 64);
            var name = fields.Required("name", row.Name, 200);
            var tier = fields.Enum<OrganisationTier>("tier", row.Tier);
            var area = fields.Enum<Area>("area", row.Area);
            var kind = fields.Enum<OrganisationKind>("kind", row.Kind);
            foreach (var (field, messages) in fields.ToDictionary())
            {
                errors.AddRange(messages.Select(m => new ImportError(row.Row, field, m)));
            }

            if (code is null || fields.Any)
            {
                if (code is not null)
                {
                    failed.Add(code);
                }

                continue;
            }

            if (!valid.TryAdd(code, (row, tier!.Value, area!.Value, kind!.Value, code, name!)))
            {
                errors.Add(new ImportError(row.Row, "code", $"'{code}' appears twice in the file (first in row {valid[code].Row.Row})"));
            }
        }

        var created = new List<Organisation>();
        var updated = new List<Organisation>();
        var unchanged = 0;
        var placed = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        var pending = valid.Values.OrderBy(v => v.Row.Row).ToList();

        // Parents first: each pass places every row whose parent is known; a pass that places nothing ends it.
        while (pending.Count > 0)
        {
            var next = new List<(ImportRow Row, OrganisationTier Tier, Area Area, OrganisationKind Kind, string Code, string Name)>();
            foreach (var item in pending)
            {
                var parentCode = item.Row.ParentCode;
                Organisation? parent = null;
                if (parentCode is not null && !placed.TryGetValue(parentCode, out parent) && !existing.TryGetValue(parentCode, out parent))
                {
                    if (failed.Contains(parentCode))
                    {
                        errors.Add(new ImportError(item.Row.Row, "parentCode", $"the row of '{parentCode}' has errors"));
                        failed.Add(item.Code);
                    }
                    else if (valid.ContainsKey(parentCode))
                    {
                        next.Add(item);
                    }
                    else
                    {
                        errors.Add(new ImportError(item.Row.Row, "parentCode", $"no organisation has code '{parentCode}'"));
                        failed.Add(item.Code);
                    }

                    continue;
                }

                Place(item, parent);
            }

            if (next.Count == pending.Count)
            {
                errors.AddRange(next.Select(i => new ImportError(i.Row.Row, "parentCode", "the parents of these rows form a loop")));
                break;
            }

            pending = next;
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new Plan(created, updated, unchanged, errors);

        void Place((ImportRow Row, OrganisationTier Tier, Area Area, OrganisationKind Kind, string Code, string Name) item, Organisation? parent)
        {
            if (existing.TryGetValue(item.Code, out var current))
            {
                if (current.Tier != item.Tier || current.Area != item.Area || current.ParentId != parent?.Id)
                {
                    errors.Add(new ImportError(item.Row.Row, "code", $"'{item.Code}' exists with another tier, area or parent; move it separately"));
                    failed.Add(item.Code);
                    return;
                }
                else if (!mayChangeUnder(current.Path))
                {
                    errors.Add(new ImportError(item.Row.Row, "code", "outside the subtree you may change"));
                }
                else if (current.Amend(item.Name, item.Kind, now))
                {
                    updated.Add(current);
                }
                else
                {
                    unchanged++;
                }

                placed[item.Code] = current;
                return;
            }

            if (parent is null ? !mayChangeUnder(string.Empty) : !mayChangeUnder(parent.Path))
            {
                errors.Add(new ImportError(item.Row.Row, "parentCode", "outside the subtree you may change"));
                failed.Add(item.Code);
                return;
            }

            try
            {
                var organisation = Organisation.Register(item.Code, item.Name, item.Tier, item.Area, item.Kind, parent, now);
                created.Add(organisation);
                placed[item.Code] = organisation;
            }
            catch (DomainRuleException ex)
            {
                errors.Add(new ImportError(item.Row.Row, "tier", ex.Message));
                failed.Add(item.Code);
            }
        }
    }
}
