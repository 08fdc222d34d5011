using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp.Dns
{
    /// <summary>
    /// Stub resolver for A records (RFC 1035 §7, RFC 1123 §6.1.3) owned by the stack (<see cref="NetworkStack.Dns"/>):
    /// one lookup at a time, sent to the DHCP-given servers then the configured ones, retried across them; a fresh
    /// random transaction id and source port for every query (RFC 5452 §9.2); the answer must match the question
    /// and come from the server asked; CNAME chains in the answer are followed up to <see cref="MaxCnames"/>.
    /// Allocation-free: the name comes from a caller buffer, the result is a status and an address.
    /// </summary>
    public sealed class DnsResolver : IUdpReceiver
    {
        /// <summary>CNAMEs followed in one answer (a small bound; loops end here).</summary>
        public const int MaxCnames = 8;
        /// <summary>Answer records accepted in one message; more is treated as malformed (a resource-exhaustion guard).</summary>
        public const int MaxAnswers = 64;

        private readonly UdpLayer _udp;
        private readonly NetworkInterface _out;
        private readonly XorShift32 _random;
        private readonly DnsCache _cache;
        private readonly uint[] _configured;
        private readonly uint[] _servers = new uint[4];
        private readonly byte[] _name = new byte[DnsName.MaxLength];
        private readonly int _timeoutMs, _attempts;
        private int _nameLength, _serverCount, _sent, _id, _slot = -1, _failures;
        private uint _server;
        private long _deadline;

        internal DnsResolver(UdpLayer udp, LanConfig lan)
        {
            _udp = udp;
            _out = udp.Output;
            _random = udp.LanRandom;
            _cache = new DnsCache(lan.DnsCacheEntries);
            _configured = lan.DnsServers ?? new uint[0];
            _timeoutMs = lan.DnsTimeoutMs < 100 ? 100 : lan.DnsTimeoutMs;
            _attempts = lan.DnsAttempts < 1 ? 1 : lan.DnsAttempts;
        }

        /// <summary>The <see cref="DnsStatus"/> of the current (or last) lookup.</summary>
        public int Status { get; private set; }

        /// <summary>The address found (valid when <see cref="Status"/> is <see cref="DnsStatus.Resolved"/>).</summary>
        public uint Address { get; private set; }

        /// <summary>Queries sent, answers accepted.</summary>
        public long QueriesSent, AnswersAccepted;

        /// <summary>
        /// Starts looking up the ASCII host name in <paramref name="name"/>[<paramref name="offset"/>, +<paramref name="count"/>);
        /// a dotted-quad address or a cached name resolves at once. Returns the new <see cref="Status"/>; while it is
        /// <see cref="DnsStatus.Pending"/>, keep polling the stack. A new lookup replaces a running one.
        /// </summary>
        public int Resolve(byte[] name, int offset, int count)
        {
            Address = 0;
            if (name == null || offset < 0 || count < 0 || count > name.Length - offset) return Status = DnsStatus.InvalidName;
            uint literal;
            if (Ip4.TryParse(name, offset, count, out literal)) { Address = literal; return Status = DnsStatus.Resolved; }
            if (!DnsName.IsHostName(name, offset, count)) return Status = DnsStatus.InvalidName;
            uint cached = _cache.Find(name, offset, count, _udp.Now);
            if (cached != 0) { Address = cached; return Status = DnsStatus.Resolved; }
            CollectServers();
            if (_serverCount == 0) return Status = DnsStatus.NoServer;
            System.Array.Copy(name, offset, _name, 0, count);
            _nameLength = count;
            _sent = 0;
            _failures = 0;
            _deadline = _udp.Now;
            _udp.MarkWorkPending(); // the query goes out on the next Poll
            return Status = DnsStatus.Pending;
        }

        /// <summary>
        /// <see cref="Resolve(byte[], int, int)"/> for a host name given as text (the Sockets resolver): its ASCII
        /// characters are copied into the resolver's own name buffer, so the caller needs none.
        /// </summary>
        public int Resolve(string name)
        {
            Address = 0;
            if (name == null || name.Length > _name.Length) return Status = DnsStatus.InvalidName;
            int count = name.Length;
            for (int i = 0; i < count; i++)
            {
                char c = name[i];
                if (c > 127) return Status = DnsStatus.InvalidName;
                _name[i] = (byte)c;
            }
            return Resolve(_name, 0, count);
        }

        /// <summary>Abandons the running lookup (a late answer is then dropped).</summary>
        public void Cancel()
        {
            if (Status == DnsStatus.Pending) Status = DnsStatus.Idle;
            Unbind();
        }

        private void CollectServers()
        {
            _serverCount = 0;
            Dhcp.DhcpClient dhcp = _udp.Dhcp;
            if (dhcp != null && dhcp.HasLease)
            {
                AddServer(dhcp.Lease.Dns1);
                AddServer(dhcp.Lease.Dns2);
            }
            for (int i = 0; i < _configured.Length; i++) AddServer(_configured[i]);
        }

        private void AddServer(uint s)
        {
            if (s == 0 || _serverCount == _servers.Length) return;
            for (int i = 0; i < _serverCount; i++) if (_servers[i] == s) return;
            _servers[_serverCount++] = s;
        }

        /// <summary>Sends or retransmits the query when due; returns the next deadline. Only while <see cref="Status"/> is Pending.</summary>
        internal long Poll(long nowMs)
        {
            if (nowMs < _deadline) return _deadline;
            if (_sent >= _attempts)
            {
                Status = _failures > 0 && _failures >= _sent ? DnsStatus.Failed : DnsStatus.Timeout;
                Unbind();
                return long.MaxValue;
            }
            int r = SendQuery();
            if (r == UdpError.Resolving)
            {
                _deadline = nowMs + 250;
                return _deadline;
            }
            _sent++;
            _deadline = nowMs + _timeoutMs;
            return _deadline;
        }

        private int SendQuery()
        {
            // RFC 5452 §9.2: unpredictable id and source port for every query.
            Unbind();
            int port = _udp.EphemeralUdpPort();
            _slot = _udp.UdpPorts.Bind(port, this);
            if (_slot < 0) return UdpError.NoSlot;
            _id = (int)(_random.Next() & 0xFFFF);
            _server = _servers[_sent % _serverCount];
            byte[] b = _out.Tx;
            int o = UdpOutput.PayloadOffset(_out);
            DnsHeader.WriteQuery(b, o, _id, true);
            int p = DnsName.Write(b, o + DnsHeader.Length, b.Length - 4, _name, 0, _nameLength);
            NetworkOrder.Write16(b, p, DnsHeader.TypeA);
            NetworkOrder.Write16(b, p + 2, DnsHeader.ClassIn);
            int r = UdpOutput.Send(_out, port, _server, DnsHeader.Port, p + 4 - o, 0, _udp.UdpCounters);
            if (r == UdpError.None) QueriesSent++;
            return r;
        }

        private void Unbind()
        {
            if (_slot >= 0) _udp.UdpPorts.Unbind(_slot);
            _slot = -1;
        }

        void IUdpReceiver.OnDatagram(byte[] b, int o, int length, uint source, int sourcePort, uint destination, long nowMs)
        {
            int end = o + length;
            if (Status != DnsStatus.Pending || source != _server || sourcePort != DnsHeader.Port || length < DnsHeader.Length
                || DnsHeader.Id(b, o) != _id || !DnsHeader.IsResponse(b, o))
            {
                _udp.CountUdpDrop(DropReason.DnsUnexpected, nowMs);
                return;
            }
            // RFC 5452 §9.1 / RFC 1035 §7.3: the question must be ours.
            int q = o + DnsHeader.Length;
            if (DnsHeader.QuestionCount(b, o) != 1 || !DnsName.IsValid(b, o, q, end))
            {
                _udp.CountUdpDrop(DropReason.DnsMalformed, nowMs);
                return;
            }
            int after = DnsName.Skip(b, o, q, end);
            if (after < 0 || after + 4 > end || !DnsName.EqualsAscii(b, o, q, end, _name, 0, _nameLength)
                || NetworkOrder.Read16(b, after) != DnsHeader.TypeA || NetworkOrder.Read16(b, after + 2) != DnsHeader.ClassIn)
            {
                _udp.CountUdpDrop(DropReason.DnsUnexpected, nowMs);
                return;
            }
            int rcode = DnsHeader.Rcode(b, o);
            if (rcode == DnsHeader.RcodeNameError) { Finish(DnsStatus.NotFound); return; }
            if (rcode != 0)
            {
                // SERVFAIL, REFUSED...: the next server may do better (RFC 1035 §7.3).
                _failures++;
                _deadline = nowMs;
                return;
            }
            int result = ReadAnswers(b, o, after + 4, end, DnsHeader.AnswerCount(b, o), nowMs);
            if (result == DnsStatus.Idle) _udp.CountUdpDrop(DropReason.DnsMalformed, nowMs);
            else Finish(result);
        }

        /// <summary>Walks the answer section following CNAMEs from the question name; Idle = malformed.</summary>
        private int ReadAnswers(byte[] b, int message, int p, int end, int count, long nowMs)
        {
            if (count > MaxAnswers) return DnsStatus.Idle;
            int target = message + DnsHeader.Length; // the question's name
            int cnames = 0;
            uint minTtl = uint.MaxValue;
            for (int pass = 0; pass <= MaxCnames; pass++)
            {
                int r = p;
                bool advanced = false;
                for (int i = 0; i < count; i++)
                {
                    int name = r;
                    r = DnsName.Skip(b, message, r, end);
                    if (r < 0 || r + 10 > end) return DnsStatus.Idle;
                    int type = NetworkOrder.Read16(b, r), cls = NetworkOrder.Read16(b, r + 2);
                    uint ttl = NetworkOrder.Read32(b, r + 4);
                    int rdlength = NetworkOrder.Read16(b, r + 8);
                    int data = r + 10;
                    r = data + rdlength;
                    if (r > end) return DnsStatus.Idle;
                    if (cls != DnsHeader.ClassIn || !DnsName.Equal(b, message, name, target, end)) continue;
                    if (ttl > 0x7FFFFFFF) ttl = 0; // RFC 2181 §8
                    if (type == DnsHeader.TypeA && rdlength == 4)
                    {
                        Address = NetworkOrder.Read32(b, data);
                        if (ttl < minTtl) minTtl = ttl;
                        _cache.Add(_name, 0, _nameLength, Address, minTtl, nowMs);
                        return DnsStatus.Resolved;
                    }
                    if (type == DnsHeader.TypeCname && !advanced)
                    {
                        if (!DnsName.IsValid(b, message, data, r)) return DnsStatus.Idle;
                        if (++cnames > MaxCnames) return DnsStatus.NotFound;
                        if (ttl < minTtl) minTtl = ttl;
                        target = data;
                        advanced = true;
                    }
                }
                if (!advanced) break;
            }
            return DnsStatus.NotFound;
        }

        private void Finish(int status)
        {
            AnswersAccepted++;
            Status = status;
            Unbind();
        }
    }
}
