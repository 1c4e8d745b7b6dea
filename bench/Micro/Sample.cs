/// <summary>A typical item, as the shared item generator (make-items.py) writes them (about 2.2 KB).</summary>
static class Sample
{
    public const string Item = """
        ---
        title: "Fans revised harvest in Québec, Polaris Insurance says"
        date: 2020-05-22T15:36:25-07:00
        author: "Raúl Çelik"
        tags: [film]
        summary: "Voters have long transformed the former plan, and the latest satellite is unlikely to change that. The move is expected to replace the bailout for developers for officials across the delta."
        ---

        The decision follows months of debate over the rail line for shareholders, which economists say has transformed the rural forecast in Québec.

        "We are considering regulators very carefully," Nakamura said in a letter.

        ## Students react

        Nakamura declined to comment on the regional agreement but [said](https://example.org/reports/2020/said-5559) the festival remained quarterly. Analysts at Polaris Insurance expect the joint shortage in Québec to strengthen the regional dispute over the next two years. Analysts at Polaris Insurance expect the public harvest to reshape the new rail line over the next decade.

        Earlier this month, Polaris Insurance cancelled plans to support a **renewed bond sale** along the valley. The annual index is worth about 2.9 million, according to people familiar with the matter. "This is a diplomatic moment for teachers," said Kofi Nakamura, a board member of Polaris Insurance.

        "This is an overdue moment for consumers," *said* Kofi Nakamura, a board member of Polaris Insurance. The plan comes as nurses at the airport face its plan and rising costs.

        The decision follows months of debate over the rail line for shareholders, which economists say has transformed the rural forecast in Québec. See [the report](/reports/2020) and the ![chart](chart.png).
        """;
}
