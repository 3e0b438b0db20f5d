using VillageReports.Storage;

namespace VillageReports.Tests.Storage;

public class FigureCodecTests
{
    [Fact]
    public void Figures_round_trip_exactly()
    {
        var figures = new Dictionary<string, decimal> { ["a"] = 0.1m, ["b"] = 12345678.9012m, ["c"] = 0m, ["d"] = 1.50m };

        var decoded = FigureCodec.Decode(FigureCodec.Encode(figures));

        Assert.Equal(figures.OrderBy(kv => kv.Key), decoded);
        Assert.Equal("1.50", decoded["d"].ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Figures_are_stored_as_code_number_pairs_keys_in_ordinal_order()
    {
        var figures = new Dictionary<string, decimal> { ["roads.new_km"] = 12.5m, ["finance.tax_revenue"] = -3m, ["Z.upper"] = 1.000m };

        Assert.Equal("Z.upper=1.000;finance.tax_revenue=-3;roads.new_km=12.5", FigureCodec.Encode(figures));
    }

    [Fact]
    public void The_json_form_is_the_one_rows_were_first_stored_in_keys_in_ordinal_order()
    {
        var figures = new Dictionary<string, decimal> { ["roads.new_km"] = 12.5m, ["finance.tax_revenue"] = -3m, ["Z.upper"] = 1.000m };

        Assert.Equal("""{"Z.upper":"1.000","finance.tax_revenue":"-3","roads.new_km":"12.5"}""", FigureCodec.EncodeJson(figures));
    }

    [Fact]
    public void Rows_stored_in_either_form_read_the_same()
    {
        var figures = new Dictionary<string, decimal> { ["roads.new_km"] = 12.5m, ["finance.tax_revenue"] = -3m, ["b"] = 0.10m };

        var fromPairs = FigureCodec.Decode(FigureCodec.Encode(figures));
        var fromJson = FigureCodec.Decode(FigureCodec.EncodeJson(figures));

        Assert.Equal(figures.OrderBy(f => f.Key, StringComparer.Ordinal), fromPairs);
        Assert.Equal(fromPairs, fromJson);
        Assert.Equal("0.10", fromPairs["b"].ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Pairs_out_of_order_or_repeated_are_read_in_key_order_the_last_one_standing()
    {
        var decoded = FigureCodec.Decode("roads.new_km=2;finance.tax_revenue=1.5;roads.new_km=3");

        Assert.Equal([new("finance.tax_revenue", 1.5m), new KeyValuePair<string, decimal>("roads.new_km", 3m)], decoded);
    }

    [Fact]
    public void An_empty_set_is_stored_empty_and_read_back_empty()
    {
        Assert.Equal("", FigureCodec.Encode(new Dictionary<string, decimal>()));
        Assert.Empty(FigureCodec.Decode(""));
    }

    [Theory]
    [InlineData("a=x")]
    [InlineData("a")]
    [InlineData("a=1;;b=2")]
    [InlineData("a=1;=2")]
    public void Pairs_that_are_not_code_number_are_refused_as_a_bad_number(string stored)
    {
        Assert.Throws<FormatException>(() => FigureCodec.Decode(stored));
    }

    [Fact]
    public void Figures_stored_out_of_order_or_escaped_are_read_in_key_order()
    {
        var decoded = FigureCodec.Decode("""{ "roads.new_km": "2", "finance.tax_revenue": "\u0031.5" }""");

        Assert.Equal([new("finance.tax_revenue", 1.5m), new KeyValuePair<string, decimal>("roads.new_km", 2m)], decoded);
    }

    [Theory]
    [InlineData("""{"a":"1","a":"2"}""", "a=2")]
    [InlineData("""{"b":"1","a":"-2.50"}""", "a=-2.50 b=1")]
    [InlineData("""{"a":"1" }""", "a=1")]
    [InlineData("""{"a":"1,000"}""", "a=1000")]
    [InlineData("""{"\u0061":"1"}""", "a=1")]
    [InlineData("""{}""", "")]
    public void Figures_in_any_other_form_of_json_read_as_the_json_reader_reads_them(string stored, string expected)
    {
        var decoded = FigureCodec.Decode(stored);

        Assert.Equal(expected, string.Join(' ', decoded.Select(kv => kv.Key + "=" + kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Rows_decoded_one_after_another_in_either_form_share_one_string_per_code()
    {
        var first = FigureCodec.Decode("roads.new_km=1");
        var second = FigureCodec.Decode("""{"roads.new_km":"2"}""");

        Assert.Same(first.Keys.Single(), second.Keys.Single());
    }

    [Fact]
    public void A_code_outside_the_plain_characters_is_stored_as_json_escaped_as_the_json_writer_escapes_it()
    {
        var figures = new Dictionary<string, decimal> { ["a<b"] = 1m, ["名"] = 2m, ["plain.code"] = 3m };

        var stored = FigureCodec.Encode(figures);

        Assert.Equal("""{"a\u003Cb":"1","plain.code":"3","\u540D":"2"}""", stored);
        Assert.Equal(figures.OrderBy(f => f.Key, StringComparer.Ordinal), FigureCodec.Decode(stored));
    }

    [Theory]
    [InlineData("b", "a")]
    [InlineData("a<b", "名")]
    public void The_json_form_is_what_the_json_writer_writes_byte_for_byte(string first, string second)
    {
        var figures = new Dictionary<string, decimal> { [first] = decimal.MinValue, [second] = 0.0000000000000000000000000001m, ["z.zero"] = 0m, ["z.scale"] = -1.50m };
        var expected = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(expected))
        {
            writer.WriteStartObject();
            foreach (var (code, value) in figures.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteString(code, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            writer.WriteEndObject();
        }

        var written = new System.Buffers.ArrayBufferWriter<byte>();
        FigureCodec.WriteJson(written, figures);

        Assert.Equal(expected.WrittenSpan.ToArray(), written.WrittenSpan.ToArray());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.WrittenSpan), FigureCodec.EncodeJson(figures));
    }

    [Fact]
    public void An_empty_code_is_stored_as_json_and_read_back()
    {
        var figures = new Dictionary<string, decimal> { [""] = 5m };

        Assert.Equal(figures, FigureCodec.Decode(FigureCodec.Encode(figures)));
    }

    [Fact]
    public void Json_with_a_lone_surrogate_in_a_code_reads_as_the_json_reader_reads_it()
    {
        Assert.Equal("\uFFFD", FigureCodec.Decode("{\"\uD800\":\"1\"}").Keys.Single());
    }

    [Theory]
    [InlineData("""["1"]""")]
    [InlineData("""{"a":1}""")]
    [InlineData("""{"a":"1""")]
    [InlineData("""{"a":"1",}""")]
    [InlineData("""{"a""1"}""")]
    [InlineData("{\"a\n\":\"3\"}")]
    public void Figures_that_are_not_an_object_of_strings_are_refused_as_bad_json(string stored)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => FigureCodec.Decode(stored));
    }

    [Fact]
    public void A_figure_that_is_not_a_decimal_is_refused_as_a_bad_number()
    {
        Assert.Throws<FormatException>(() => FigureCodec.Decode("""{"a":"x"}"""));
    }
}
