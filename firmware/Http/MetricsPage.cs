namespace NanoTcp.Firmware
{
    /// <summary>
    /// GET /metrics in the Prometheus text exposition format 0.0.4 (served as
    /// <c>text/plain; version=0.0.4</c>): every stack counter as <c>nanotcp_&lt;name&gt;_total</c>, drops by reason
    /// (reasons seen so far), the link driver's counters, connections by state, free slots, link state and
    /// uptime. One <c># TYPE</c> line per metric family. Rendered with the pump's lock held; allocates nothing.
    /// </summary>
    public sealed class MetricsPage
    {
        private readonly NetworkStack _stack;
        private readonly IFirmwarePlatform _platform;
        private readonly ILink _link;
        private readonly int[] _byState = new int[11];
        private readonly TcpConnectionInfo _info = new TcpConnectionInfo();

        /// <summary>Collects what the metrics report.</summary>
        public MetricsPage(NetworkStack stack, IFirmwarePlatform platform, ILink link)
        {
            _stack = stack;
            _platform = platform;
            _link = link;
        }

        /// <summary>Bytes the metrics need at most (sizing the response buffer).</summary>
        public static int MaxLength(int linkCounters) =>
            600 + StackCounterTable.Count * 110 + (int)DropReason.Count * 70 + linkCounters * 100 + 11 * 60;

        /// <summary>Writes the metrics for time <paramref name="nowMs"/>.</summary>
        public void Render(AsciiWriter w, long nowMs)
        {
            StackCounters counters = _stack.Counters;
            for (int i = 0; i < StackCounterTable.Count; i++)
            {
                Family(w, StackCounterTable.Name(i), "_total counter\n");
                Sample(w, StackCounterTable.Name(i), "_total ", StackCounterTable.Value(counters, i));
            }
            Family(w, "drops", "_total counter\n");
            for (int r = 0; r < (int)DropReason.Count; r++)
            {
                long drops = counters.Drops((DropReason)r);
                if (drops == 0) continue;
                w.Write("nanotcp_drops_total{reason=\"");
                w.Write(StackCounterTable.DropName((DropReason)r));
                w.Write("\"} ");
                w.WriteDecimal(drops);
                w.Write((byte)'\n');
            }
            LinkCounters(w);
            Connections(w);
            Family(w, "link_up", " gauge\n");
            Sample(w, "link_up", " ", _link.IsUp ? 1 : 0);
            Family(w, "uptime_seconds", " gauge\n");
            Sample(w, "uptime_seconds", " ", (nowMs - _platform.BootTimeMs) / 1000);
        }

        private void LinkCounters(AsciiWriter w)
        {
            ILinkStatus status = _platform.LinkStatus;
            if (status == null || status.CounterCount == 0) return;
            Family(w, "link_events", "_total counter\n");
            for (int i = 0; i < status.CounterCount; i++)
            {
                w.Write("nanotcp_link_events_total{name=\"");
                w.Write(status.CounterName(i));
                w.Write("\"} ");
                w.WriteDecimal(status.CounterValue(i));
                w.Write((byte)'\n');
            }
        }

        private void Connections(AsciiWriter w)
        {
            for (int i = 0; i < _byState.Length; i++) _byState[i] = 0;
            for (int slot = 0; slot < _stack.ConnectionSlotCount; slot++)
            {
                if (_stack.GetConnectionInfo(slot, _info) && (int)_info.State < _byState.Length) _byState[(int)_info.State]++;
            }
            Family(w, "tcp_connections", " gauge\n");
            for (int s = 0; s < _byState.Length; s++)
            {
                if ((TcpState)s == TcpState.Listen || (TcpState)s == TcpState.Closed && _byState[s] == 0) continue;
                w.Write("nanotcp_tcp_connections{state=\"");
                w.Write(TcpStateNames.Name((TcpState)s));
                w.Write("\"} ");
                w.WriteDecimal(_byState[s]);
                w.Write((byte)'\n');
            }
            Family(w, "tcp_free_slots", " gauge\n");
            Sample(w, "tcp_free_slots", " ", _stack.FreeConnectionSlots);
        }

        private static void Family(AsciiWriter w, string name, string suffixAndType)
        {
            w.Write("# TYPE nanotcp_");
            w.Write(name);
            w.Write(suffixAndType);
        }

        private static void Sample(AsciiWriter w, string name, string suffix, long value)
        {
            w.Write("nanotcp_");
            w.Write(name);
            w.Write(suffix);
            w.WriteDecimal(value);
            w.Write((byte)'\n');
        }
    }
}
