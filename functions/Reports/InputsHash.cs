using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VillageReports.Catalog;
using VillageReports.Storage;

namespace VillageReports.Reports;

/// <summary>
/// A digest of everything a report is computed from. The same digest means the same figures, so a job run again on
/// unchanged data makes no new version; any new revision, target or unit changes it.
/// </summary>
public static class InputsHash
{
    public static string Compute(ReportPeriod report, ElementCatalog catalog, ReportData data, int dueDay, string? template = null)
    {
        // The text (a town's is a few hundred kilobytes) goes to the digest as UTF-8 through one small buffer, each
        // submission's figures in the JSON form digested since the first release, without a string of them first.
        using var text = new DigestWriter();
        void Append(FormattableString part)
        {
            var chars = part.ToString(CultureInfo.InvariantCulture);
            text.Advance(Encoding.UTF8.GetBytes(chars, text.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length))));
        }

        void Line(FormattableString line)
        {
            Append(line);
            text.Write("\n"u8);
        }

        Line($"report|{report.Kind.Name()}|{report}|due {dueDay}");
        Line($"town|{data.Town.Code}|{data.Town.Name}|{data.Town.County}");
        foreach (var unit in data.Units)
        {
            Line($"unit|{unit.Code}|{unit.Name}|{unit.Level}");
        }

        foreach (var e in catalog.Elements)
        {
            Line($"element|{e.Code}|{e.Name}|{e.Unit}|{e.Kind}|{e.ReportedBy}|{e.Decimals}|{e.ShownDecimals}|{e.Section}|{e.Key}");
        }

        foreach (var i in catalog.Indicators)
        {
            Line($"indicator|{i.Code}|{i.Numerator}|{i.Denominator}|{i.Factor}|{i.Decimals}");
        }

        foreach (var s in data.Current.Values.OrderBy(s => s.Unit.Value, StringComparer.Ordinal).ThenBy(s => s.Period))
        {
            Append($"submission|{s.Unit}|{s.Period}|{s.Revision}|{s.Late}|");
            FigureCodec.WriteJson(text, s.Values);
            Line($"|{s.Warnings.Count}");
        }

        Line($"targets|{FigureCodec.EncodeJson(data.Targets)}");
        if (template is not null)
        {
            Line($"template|{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template)))}");
        }

        foreach (var a in data.Amendments.OrderBy(a => a.Unit.Value, StringComparer.Ordinal).ThenBy(a => a.Period).ThenBy(a => a.Revision))
        {
            Line($"amendment|{a.Unit}|{a.Period}|{a.Revision}|{a.Reason}");
        }

        return Convert.ToHexStringLower(text.Digest());
    }

    /// <summary>A buffer that hands what is written to a SHA-256 whenever it fills, so no text is kept whole.</summary>
    private sealed class DigestWriter : IBufferWriter<byte>, IDisposable
    {
        private const int Size = 16 * 1024;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Size);
        private int _written;

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            if (_buffer.Length - _written < Math.Max(sizeHint, 1))
            {
                Flush();
                if (_buffer.Length < sizeHint)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = ArrayPool<byte>.Shared.Rent(sizeHint);
                }
            }

            return _buffer.AsSpan(_written);
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            GetSpan(sizeHint);
            return _buffer.AsMemory(_written);
        }

        public void Advance(int count) => _written += count;

        public byte[] Digest()
        {
            Flush();
            return _hash.GetHashAndReset();
        }

        public void Dispose()
        {
            _hash.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        private void Flush()
        {
            _hash.AppendData(_buffer, 0, _written);
            _written = 0;
        }
    }
}
