namespace NanoTcp.Firmware
{
    /// <summary>
    /// The HTML status page (GET /): the board's addresses, link state, uptime, a netstat-style connection table
    /// and the stack's counters, refreshing itself every <see cref="FirmwareSettings.HttpRefreshSeconds"/>.
    /// Rendered into a caller's <see cref="AsciiWriter"/> with the pump's lock held; allocates nothing.
    /// </summary>
    public sealed class StatusPage
    {
        private readonly NetworkStack _stack;
        private readonly FirmwareSettings _settings;
        private readonly IFirmwarePlatform _platform;
        private readonly ILink _link;
        private readonly ListenerTable _listeners;
        private readonly TcpConnectionInfo _info = new TcpConnectionInfo();

        /// <summary>Collects what the page shows.</summary>
        public StatusPage(NetworkStack stack, FirmwareSettings settings, IFirmwarePlatform platform, ILink link, ListenerTable listeners)
        {
            _stack = stack;
            _settings = settings;
            _platform = platform;
            _link = link;
            _listeners = listeners;
        }

        /// <summary>Bytes the page needs at most for <paramref name="connectionSlots"/> slots (sizing the response buffer).</summary>
        public static int MaxLength(int connectionSlots, int listeners) =>
            1400 + StackCounterTable.Count * 70 + (connectionSlots + listeners) * 140;

        /// <summary>Writes the page for time <paramref name="nowMs"/>.</summary>
        public void Render(AsciiWriter w, long nowMs)
        {
            w.Write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"");
            w.WriteDecimal(_settings.HttpRefreshSeconds);
            w.Write("\"><title>");
            WriteText(w, _settings.HostName);
            w.Write(" - nanoTcp</title><style>body{font-family:monospace}td,th{padding:0 8px;text-align:left}</style></head><body>\n<h1>");
            WriteText(w, _settings.HostName);
            w.Write("</h1>\n<table>\n");
            Row(w, "board");
            WriteText(w, _platform.BoardName);
            Row(w, "mac");
            w.WriteMac(_settings.MacAddress, 0);
            Row(w, "ip");
            w.WriteIp(_stack.IpAddress);
            w.Write(" mask ");
            w.WriteIp(_settings.SubnetMask);
            w.Write(" gw ");
            w.WriteIp(_settings.Gateway);
            Row(w, "link");
            w.Write(_link.IsUp ? "up" : "down");
            ILinkStatus status = _platform.LinkStatus;
            if (status != null)
            {
                w.Write(", ");
                WriteText(w, status.DriverName);
            }
            Row(w, "uptime");
            Uptime(w, nowMs - _platform.BootTimeMs);
            w.Write("</td></tr>\n</table>\n");
            Connections(w);
            Counters(w);
            w.Write("<p><a href=\"/metrics\">/metrics</a></p>\n</body></html>\n");
        }

        private void Connections(AsciiWriter w)
        {
            w.Write("<h2>Connections</h2>\n<table id=\"connections\">\n<tr><th>Proto</th><th>Recv-Q</th><th>Send-Q</th><th>Local Address</th><th>Foreign Address</th><th>State</th><th>Retrans</th></tr>\n");
            for (int i = 0; i < _listeners.Count; i++)
            {
                if (_listeners.Handle(i) < 0) continue;
                w.Write("<tr><td>tcp</td><td>0</td><td>0</td><td>");
                w.WriteEndpoint(0, _listeners.Port(i));
                w.Write("</td><td>0.0.0.0:*</td><td>LISTEN</td><td></td></tr>\n");
            }
            for (int slot = 0; slot < _stack.ConnectionSlotCount; slot++)
            {
                if (!_stack.GetConnectionInfo(slot, _info)) continue;
                w.Write("<tr><td>tcp</td><td>");
                w.WriteDecimal(_info.ReceiveQueued);
                w.Write("</td><td>");
                w.WriteDecimal(_info.SendQueued);
                w.Write("</td><td>");
                w.WriteEndpoint(_info.LocalIp, _info.LocalPort);
                w.Write("</td><td>");
                w.WriteEndpoint(_info.RemoteIp, _info.RemotePort);
                w.Write("</td><td>");
                w.Write(TcpStateNames.Name(_info.State));
                w.Write("</td><td>");
                w.WriteDecimal(_info.Retransmissions);
                w.Write("</td></tr>\n");
            }
            w.Write("</table>\n");
        }

        private void Counters(AsciiWriter w)
        {
            w.Write("<h2>Counters</h2>\n<table>\n");
            StackCounters counters = _stack.Counters;
            for (int i = 0; i < StackCounterTable.Count; i++)
            {
                w.Write("<tr><td>");
                w.Write(StackCounterTable.Name(i));
                w.Write("</td><td>");
                w.WriteDecimal(StackCounterTable.Value(counters, i));
                w.Write("</td></tr>\n");
            }
            w.Write("<tr><td>drops</td><td>");
            w.WriteDecimal(counters.TotalDrops);
            w.Write("</td></tr>\n</table>\n");
        }

        private static void Row(AsciiWriter w, string name)
        {
            if (name != "board") w.Write("</td></tr>\n");
            w.Write("<tr><th>");
            w.Write(name);
            w.Write("</th><td>");
        }

        // d hh:mm:ss, like the shell's uptime.
        private static void Uptime(AsciiWriter w, long ms)
        {
            long s = ms < 0 ? 0 : ms / 1000;
            w.WriteDecimal(s / 86400);
            w.Write("d ");
            w.WriteZeroPadded(s / 3600 % 24, 2);
            w.Write(':');
            w.WriteZeroPadded(s / 60 % 60, 2);
            w.Write(':');
            w.WriteZeroPadded(s % 60, 2);
        }

        // Text from settings and drivers, escaped for HTML.
        private static void WriteText(AsciiWriter w, string text)
        {
            if (text == null) return;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '<') w.Write("&lt;");
                else if (c == '>') w.Write("&gt;");
                else if (c == '&') w.Write("&amp;");
                else if (c == '"') w.Write("&quot;");
                else w.Write(c);
            }
        }
    }
}
