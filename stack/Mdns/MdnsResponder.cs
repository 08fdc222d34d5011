using NanoTcp.Dns;
using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp.Mdns
{
    /// <summary>
    /// Multicast DNS responder for one host name (RFC 6762): answers A (and ANY) questions for
    /// &lt;HostName&gt;.local on 224.0.0.251:5353, probes for the name when an address is set (start-up, DHCP,
    /// changes), announces it, and renames to &lt;HostName&gt;-2.local, -3... on a conflict (§9). One-shot
    /// "legacy" queries from a port other than 5353 get a unicast reply from our own address as §6.7 says
    /// (<c>dig -p 5353 @&lt;board&gt; nanotcp.local</c> works; BIND 9.18's dig sent to 224.0.0.251 discards a reply
    /// from any other source, which no responder can avoid). Allocation-free after construction.
    /// </summary>
    public sealed class MdnsResponder : IUdpReceiver
    {
        /// <summary>The mDNS group 224.0.0.251 (RFC 6762 §3).</summary>
        public const uint Group = 0xE00000FB;

        /// <summary>The mDNS port 5353 (RFC 6762 §3).</summary>
        public const int Port = 5353;
        private const int ProbeIntervalMs = 250;       // §8.1
        private const int ProbeCount = 3;
        private const int AnnounceCount = 2;            // §8.3: at least two, one second apart
        private const int AnnounceIntervalMs = 1000;
        private const int HostTtl = 120;                // §10: records with a host name, 120 s
        private const int LegacyTtl = 10;               // §6.7: at most 10 s in legacy unicast replies
        private const int MulticastRateMs = 1000;       // §6: not the same record more than once a second
        private const int ConflictDeferMs = 1000;       // §8.2: lost a tie-break: probe again after one second
        private const int ClassCacheFlush = 0x8000;     // §10.2 (in answers) / QU bit (in questions, §5.4)
        private const int MaxQuestions = 16;
        private const int MaxRecords = 32;

        private readonly UdpLayer _udp;
        private readonly NetworkInterface _out;
        private readonly XorShift32 _random;
        private readonly byte[] _base;
        private readonly byte[] _name = new byte[DnsName.MaxLabel + 7]; // label + "-NNN" + ".local"
        private int _nameLength, _suffix = 1, _slot = -1, _sent;
        private uint _address;
        private int _generation = -1;
        private long _next, _lastMulticast = long.MinValue, _now;

        internal MdnsResponder(UdpLayer udp, string hostName)
        {
            _udp = udp;
            _out = udp.Output;
            _random = udp.LanRandom;
            string h = hostName == null || hostName.Length == 0 ? "nanotcp" : hostName;
            _base = new byte[h.Length > DnsName.MaxLabel - 4 ? DnsName.MaxLabel - 4 : h.Length];
            for (int i = 0; i < _base.Length; i++) _base[i] = (byte)h[i];
            BuildName();
        }

        /// <summary>Where the responder is.</summary>
        public MdnsState State { get; private set; }

        /// <summary>Conflicts seen (each one renames the host, §9).</summary>
        public long Conflicts;

        /// <summary>Answers sent (multicast and unicast).</summary>
        public long AnswersSent;

        /// <summary>The name claimed, e.g. "nanotcp.local" or "nanotcp-2.local" after a conflict (allocates: for shells and logs).</summary>
        public string Name
        {
            get
            {
                var c = new char[_nameLength];
                for (int i = 0; i < _nameLength; i++) c[i] = (char)_name[i];
                return new string(c);
            }
        }

        internal bool Bind()
        {
            _slot = _udp.UdpPorts.Bind(Port, this);
            if (_slot < 0) return false;
            _udp.UdpPorts.SetGroup(_slot, Group);
            return true;
        }

        private void BuildName()
        {
            int n = 0;
            System.Array.Copy(_base, 0, _name, 0, _base.Length);
            n = _base.Length;
            if (_suffix > 1)
            {
                _name[n++] = (byte)'-';
                int s = _suffix, digits = s >= 100 ? 3 : (s >= 10 ? 2 : 1);
                for (int d = digits - 1; d >= 0; d--) { _name[n + d] = (byte)('0' + s % 10); s /= 10; }
                n += digits;
            }
            _name[n++] = (byte)'.';
            _name[n++] = (byte)'l'; _name[n++] = (byte)'o'; _name[n++] = (byte)'c'; _name[n++] = (byte)'a'; _name[n++] = (byte)'l';
            _nameLength = n;
        }

        /// <summary>Probes, announces; restarts when the stack's address changes (§8, start-up and address change).</summary>
        internal long Poll(long nowMs)
        {
            _now = nowMs;
            if (_slot < 0) return long.MaxValue;
            if (_udp.AddressGeneration != _generation || _udp.IpAddress != _address)
            {
                _generation = _udp.AddressGeneration;
                _address = _udp.IpAddress;
                StartProbing(nowMs + _random.Below(ProbeIntervalMs + 1)); // §8.1: random 0-250 ms first
            }
            if (State == MdnsState.Idle || State == MdnsState.Ready || nowMs < _next) return State == MdnsState.Idle || State == MdnsState.Ready ? long.MaxValue : _next;
            if (!_udp.LinkIsUp) return long.MaxValue;
            if (State == MdnsState.Probing)
            {
                if (_sent == ProbeCount)
                {
                    State = MdnsState.Announcing;
                    _sent = 0;
                }
                else
                {
                    if (SendProbe() == UdpError.None) _sent++;
                    _next = nowMs + ProbeIntervalMs;
                    return _next;
                }
            }
            if (SendAnswer(Group, Port, 0, HostTtl, true, false, null, 0, 0) == UdpError.None) _sent++;
            if (_sent >= AnnounceCount)
            {
                State = MdnsState.Ready;
                return long.MaxValue;
            }
            _next = nowMs + AnnounceIntervalMs;
            return _next;
        }

        private void StartProbing(long at)
        {
            _sent = 0;
            _next = at;
            State = _address == 0 ? MdnsState.Idle : MdnsState.Probing;
        }

        /// <summary>§8.1/8.2: a query for the name (type ANY, QU) with our proposed A record in the authority section.</summary>
        private int SendProbe()
        {
            byte[] b = _out.Tx;
            int o = UdpOutput.PayloadOffset(_out);
            DnsHeader.WriteQuery(b, o, 0, false);
            NetworkOrder.Write16(b, o + 8, 1); // NSCOUNT
            int p = DnsName.Write(b, o + DnsHeader.Length, b.Length, _name, 0, _nameLength);
            NetworkOrder.Write16(b, p, DnsHeader.TypeAny);
            NetworkOrder.Write16(b, p + 2, DnsHeader.ClassIn | ClassCacheFlush); // QU (§5.4)
            p = WriteRecord(b, p + 4, o + DnsHeader.Length, HostTtl, false);
            return UdpOutput.Send(_out, Port, Group, Port, p - o, 255, _udp.UdpCounters);
        }

        /// <summary>Our A record at <paramref name="p"/>, its name as a pointer to <paramref name="nameAt"/> (0 = written out).</summary>
        private int WriteRecord(byte[] b, int p, int nameAt, int ttl, bool cacheFlush)
        {
            int m = UdpOutput.PayloadOffset(_out);
            if (nameAt > 0)
            {
                int rel = nameAt - m;
                b[p] = (byte)(0xC0 | (rel >> 8));
                b[p + 1] = (byte)rel;
                p += 2;
            }
            else p = DnsName.Write(b, p, b.Length, _name, 0, _nameLength);
            NetworkOrder.Write16(b, p, DnsHeader.TypeA);
            NetworkOrder.Write16(b, p + 2, DnsHeader.ClassIn | (cacheFlush ? ClassCacheFlush : 0));
            NetworkOrder.Write32(b, p + 4, (uint)ttl);
            NetworkOrder.Write16(b, p + 8, 4);
            NetworkOrder.Write32(b, p + 10, _address);
            return p + 14;
        }

        /// <summary>
        /// A response with our A record to <paramref name="destination"/>:<paramref name="port"/>. Legacy unicast
        /// (§6.7) echoes the query id and question (copied from the received message) and uses a short TTL without
        /// the cache-flush bit.
        /// </summary>
        private int SendAnswer(uint destination, int port, int id, int ttl, bool cacheFlush, bool legacy, byte[] query, int questionAt, int questionLength)
        {
            byte[] b = _out.Tx;
            int o = UdpOutput.PayloadOffset(_out);
            DnsHeader.WriteResponse(b, o, id, legacy ? 1 : 0, 1);
            int p = o + DnsHeader.Length;
            int nameAt = 0;
            if (legacy)
            {
                // The question as received (only uncompressed names are echoed; see the caller).
                System.Array.Copy(query, questionAt, b, p, questionLength);
                nameAt = p;
                p += questionLength;
            }
            p = WriteRecord(b, p, nameAt, ttl, cacheFlush);
            int r = UdpOutput.Send(_out, Port, destination, port, p - o, 255, _udp.UdpCounters);
            if (r == UdpError.None)
            {
                AnswersSent++;
                if (destination == Group) _lastMulticast = _now;
            }
            return r;
        }

        void IUdpReceiver.OnDatagram(byte[] b, int o, int length, uint source, int sourcePort, uint destination, long nowMs)
        {
            _now = nowMs;
            int end = o + length;
            if (length < DnsHeader.Length || DnsHeader.Opcode(b, o) != 0)
            {
                _udp.CountUdpDrop(DropReason.MdnsMalformed, nowMs);
                return;
            }
            int questions = DnsHeader.QuestionCount(b, o);
            int records = DnsHeader.AnswerCount(b, o) + DnsHeader.AuthorityCount(b, o) + DnsHeader.AdditionalCount(b, o);
            if (questions > MaxQuestions || records > MaxRecords)
            {
                _udp.CountUdpDrop(DropReason.MdnsMalformed, nowMs);
                return;
            }
            if (DnsHeader.IsResponse(b, o)) { if (!CheckConflict(b, o, o + DnsHeader.Length, end, questions, records, false)) _udp.CountUdpDrop(DropReason.MdnsMalformed, nowMs); return; }
            if (!Answer(b, o, end, questions, records, source, sourcePort)) _udp.CountUdpDrop(DropReason.MdnsMalformed, nowMs);
        }

        /// <summary>Handles a query; false when it is malformed.</summary>
        private bool Answer(byte[] b, int o, int end, int questions, int records, uint source, int sourcePort)
        {
            int p = o + DnsHeader.Length;
            bool asked = false, unicast = false;
            int questionAt = 0, questionLength = 0;
            for (int i = 0; i < questions; i++)
            {
                int q = p;
                p = DnsName.Skip(b, o, p, end);
                if (p < 0 || p + 4 > end) return false;
                int type = NetworkOrder.Read16(b, p), cls = NetworkOrder.Read16(b, p + 2);
                p += 4;
                if ((cls & 0x7FFF) != DnsHeader.ClassIn || (type != DnsHeader.TypeA && type != DnsHeader.TypeAny)) continue;
                if (!DnsName.EqualsAscii(b, o, q, end, _name, 0, _nameLength)) continue;
                asked = true;
                if ((cls & ClassCacheFlush) != 0) unicast = true;
                questionAt = q;
                questionLength = p - q;
            }
            // Probes from other hosts carry their proposed records in the authority section (§8.2).
            if (!CheckConflict(b, o, p, end, 0, records, true)) return false;
            if (!asked || State == MdnsState.Idle || State == MdnsState.Probing) return true;
            if (sourcePort != Port)
            {
                // §6.7 legacy unicast: reply to the querier's address and port, echo id and question, TTL ≤ 10 s.
                // Only an uncompressed question can be echoed as is (the usual case: one question at offset 12).
                if (questions != 1) return true;
                SendAnswer(source, sourcePort, DnsHeader.Id(b, o), LegacyTtl, false, true, b, questionAt, questionLength);
                return true;
            }
            if (KnownAnswer(b, o, p, end, DnsHeader.AnswerCount(b, o))) return true; // §7.1
            if (unicast) SendAnswer(source, Port, 0, HostTtl, true, false, null, 0, 0);         // §5.4 QU
            else if (_now - _lastMulticast >= MulticastRateMs || _lastMulticast == long.MinValue)
                SendAnswer(Group, Port, 0, HostTtl, true, false, null, 0, 0);
            return true;
        }

        /// <summary>§7.1: the querier already holds our record with at least half its TTL left.</summary>
        private bool KnownAnswer(byte[] b, int o, int p, int end, int answers)
        {
            for (int i = 0; i < answers; i++)
            {
                int name = p;
                p = DnsName.Skip(b, o, p, end);
                if (p < 0 || p + 10 > end) return false;
                int rdlength = NetworkOrder.Read16(b, p + 8);
                if (p + 10 + rdlength > end) return false;
                if (NetworkOrder.Read16(b, p) == DnsHeader.TypeA && rdlength == 4 && NetworkOrder.Read32(b, p + 10) == _address
                    && NetworkOrder.Read32(b, p + 4) >= HostTtl / 2 && DnsName.EqualsAscii(b, o, name, end, _name, 0, _nameLength))
                    return true;
                p += 10 + rdlength;
            }
            return false;
        }

        /// <summary>
        /// Looks at every record after the questions for our name with other data: in a response that is a conflict
        /// (§9), in another host's probe a tie-break (§8.2). False when the records are malformed.
        /// </summary>
        private bool CheckConflict(byte[] b, int o, int p, int end, int questions, int records, bool probe)
        {
            for (int i = 0; i < questions; i++)
            {
                p = DnsName.Skip(b, o, p, end);
                if (p < 0 || p + 4 > end) return false;
                p += 4;
            }
            for (int i = 0; i < records; i++)
            {
                int name = p;
                p = DnsName.Skip(b, o, p, end);
                if (p < 0 || p + 10 > end) return false;
                int type = NetworkOrder.Read16(b, p);
                int rdlength = NetworkOrder.Read16(b, p + 8);
                int data = p + 10;
                p = data + rdlength;
                if (p > end) return false;
                if (State == MdnsState.Idle || !DnsName.EqualsAscii(b, o, name, end, _name, 0, _nameLength)) continue;
                bool same = type == DnsHeader.TypeA && rdlength == 4 && NetworkOrder.Read32(b, data) == _address;
                if (same) continue;
                if (probe)
                {
                    // §8.2.1: lexicographic tie-break on the record data; the greater wins. A is type 1: compare addresses.
                    if (State == MdnsState.Probing && type == DnsHeader.TypeA && rdlength == 4 && NetworkOrder.Read32(b, data) > _address)
                        StartProbing(_now + ConflictDeferMs);
                    continue;
                }
                Conflict();
                return true;
            }
            return true;
        }

        /// <summary>§9: another host holds the name: take the next one and probe for it.</summary>
        private void Conflict()
        {
            Conflicts++;
            _suffix = _suffix >= 999 ? 2 : _suffix + 1;
            BuildName();
            StartProbing(_now + _random.Below(ProbeIntervalMs + 1));
        }
    }
}
