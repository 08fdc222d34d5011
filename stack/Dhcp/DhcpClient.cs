using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp.Dhcp
{
    /// <summary>
    /// DHCP client (RFC 2131 §4.4, options RFC 2132) owned by the stack (<see cref="NetworkStack.Dhcp"/>) when
    /// <see cref="LanConfig.Dhcp"/> is on. It sets and clears the stack's address, mask and gateway; the
    /// application sees the change in <see cref="NetworkStack.AddressGeneration"/> and <see cref="State"/>.
    /// Allocation-free after construction; time comes from Poll.
    /// </summary>
    public sealed class DhcpClient : IUdpReceiver, Arp.IArpObserver
    {
        private const int FirstRetransmitMs = 4000;   // RFC 2131 §4.1: 4 s, doubled, up to 64 s, ±1 s random
        private const int MaxRetransmitMs = 64000;
        private const int JitterMs = 1000;
        private const int RequestAttempts = 4;        // REQUEST transmissions before starting over
        private const int MinRenewRetransmitMs = 60000; // RFC 2131 §4.4.5: down to a minimum of 60 s
        private const int DeclineWaitMs = 10000;      // RFC 2131 §3.1 step 5: at least 10 s after a DECLINE
        private const int ResolveRetryMs = 250;
        private const int ReleaseWaitMs = 2000;

        private static readonly byte[] ParameterList = { DhcpOption.SubnetMask, DhcpOption.Router, DhcpOption.DomainNameServer,
            DhcpOption.NtpServers, DhcpOption.LeaseTime, DhcpOption.RenewalTime, DhcpOption.RebindingTime };

        private readonly UdpLayer _udp;
        private readonly NetworkInterface _out;
        private readonly XorShift32 _random;
        private readonly byte[] _mac;
        private readonly byte[] _hostName;
        private readonly uint _staticIp, _staticMask, _staticGateway;
        private readonly int _fallbackMs;
        private readonly bool _probeEnabled;
        private readonly DhcpLease _lease = new DhcpLease();
        private readonly DhcpLease _offer = new DhcpLease();
        private readonly AddressProbe _probe = new AddressProbe();
        private readonly DhcpCounters _counters = new DhcpCounters();
        private int _slot = -1;
        private uint _xid;
        private long _now, _transactionStart, _requestSentAt, _nextSend, _startedAt;
        private int _attempt;
        private bool _linkWasUp;

        internal DhcpClient(UdpLayer udp, StackConfig config)
        {
            _udp = udp;
            _out = udp.Output;
            _random = udp.LanRandom;
            _mac = new byte[6];
            MacAddress.Copy(config.MacAddress, 0, _mac, 0);
            LanConfig lan = config.Lan;
            string name = lan.HostName ?? "";
            _hostName = new byte[name.Length > 63 ? 63 : name.Length];
            for (int i = 0; i < _hostName.Length; i++) _hostName[i] = (byte)name[i];
            _staticIp = config.IpAddress;
            _staticMask = config.SubnetMask;
            _staticGateway = config.Gateway;
            _fallbackMs = lan.DhcpFallbackMs;
            _probeEnabled = lan.DhcpProbe;
            _lease.Clear();
            _offer.Clear();
            if (lan.DhcpLastAddress != 0) _offer.Address = lan.DhcpLastAddress;
            State = DhcpState.Stopped;
        }

        /// <summary>Where the client is in RFC 2131 figure 5.</summary>
        public DhcpState State { get; private set; }

        /// <summary>The lease in use (valid in Bound, Renewing and Rebinding; cleared otherwise).</summary>
        public DhcpLease Lease { get { return _lease; } }

        /// <summary>Messages sent and accepted.</summary>
        public DhcpCounters Counters { get { return _counters; } }

        /// <summary>True while the static fallback address is in use because no server answered in time.</summary>
        public bool UsingFallback { get; private set; }

        /// <summary>True when the client holds a lease (Bound, Renewing or Rebinding).</summary>
        public bool HasLease
        {
            get { return State == DhcpState.Bound || State == DhcpState.Renewing || State == DhcpState.Rebinding; }
        }

        /// <summary>Milliseconds until the lease expires at <paramref name="nowMs"/> (0 without a lease; long.MaxValue if infinite).</summary>
        public long LeaseRemainingMs(long nowMs)
        {
            if (!HasLease) return 0;
            if (_lease.ExpiresAtMs == long.MaxValue) return long.MaxValue;
            long left = _lease.ExpiresAtMs - nowMs;
            return left < 0 ? 0 : left;
        }

        internal bool Bind()
        {
            _slot = _udp.UdpPorts.Bind(DhcpMessage.ClientPort, this);
            if (_slot < 0) return false;
            _udp.UdpPorts.SetBroadcast(_slot, true);
            return true;
        }

        /// <summary>
        /// Starts (or restarts) address acquisition: INIT-REBOOT with the last address when one is known
        /// (<see cref="LanConfig.DhcpLastAddress"/> or the previous lease), else INIT.
        /// </summary>
        public void Start()
        {
            if (_slot < 0) return;
            _startedAt = _now;
            State = _offer.Address != 0 ? DhcpState.InitReboot : DhcpState.Init;
            _nextSend = _now;
            _udp.MarkWorkPending();
        }

        /// <summary>Renews now (the shell's <c>dhcp renew</c>): from Bound, go to RENEWING at once (RFC 2131 §4.4.5).</summary>
        public void Renew()
        {
            if (State == DhcpState.Bound || State == DhcpState.Renewing)
            {
                State = DhcpState.Renewing;
                NewTransaction();
                _nextSend = _now;
                _udp.MarkWorkPending();
            }
            else if (State == DhcpState.Stopped) Start();
        }

        /// <summary>Gives the address back (DHCPRELEASE, RFC 2131 §4.4.6), removes it from the stack and stops.</summary>
        public void Release()
        {
            _offer.Address = 0;
            if (!HasLease)
            {
                LoseAddress();
                State = DhcpState.Stopped;
                return;
            }
            NewTransaction();
            State = DhcpState.Releasing;
            _nextSend = _now + ReleaseWaitMs;
            _udp.MarkWorkPending();
            PollReleasing();
        }

        /// <summary>
        /// Sends the DHCPRELEASE (unicast from the leased address, so it may wait for ARP); the address goes once it
        /// is sent or after <see cref="ReleaseWaitMs"/>.
        /// </summary>
        private long PollReleasing()
        {
            int r = SendMessage(DhcpOption.Release, _lease.Server, _lease.Address, 0, _lease.Server);
            if (r == UdpError.Resolving && _now < _nextSend) return _now + ResolveRetryMs;
            if (r == UdpError.None) _counters.Releases++;
            LoseAddress();
            State = DhcpState.Stopped;
            return long.MaxValue;
        }

        /// <summary>Runs retransmissions, lease timers and the address probe; returns the next deadline.</summary>
        public long Poll(long nowMs)
        {
            _now = nowMs;
            if (_slot < 0 || State == DhcpState.Stopped) return long.MaxValue;
            bool up = _udp.LinkIsUp;
            if (up && !_linkWasUp && HasLease)
            {
                // RFC 2131 §3.2: after the link comes back the client verifies its address (INIT-REBOOT).
                State = DhcpState.InitReboot;
                _nextSend = nowMs;
            }
            _linkWasUp = up;
            if (!up) return long.MaxValue;
            CheckFallback();
            switch (State)
            {
                case DhcpState.Init: return PollInit();
                case DhcpState.Selecting: return Retransmit(DhcpOption.Discover);
                case DhcpState.Requesting: return Retransmit(DhcpOption.Request);
                case DhcpState.InitReboot:
                    NewTransaction();
                    _attempt = 0;
                    State = DhcpState.Rebooting;
                    return Retransmit(DhcpOption.Request);
                case DhcpState.Rebooting: return Retransmit(DhcpOption.Request);
                case DhcpState.Probing: return PollProbe();
                case DhcpState.Bound:
                    if (nowMs < _lease.RenewAtMs) return _lease.RenewAtMs;
                    State = DhcpState.Renewing;
                    NewTransaction();
                    _nextSend = nowMs;
                    return PollRenewing();
                case DhcpState.Renewing: return PollRenewing();
                case DhcpState.Rebinding: return PollRebinding();
                case DhcpState.Releasing: return PollReleasing();
            }
            return long.MaxValue;
        }

        private long PollInit()
        {
            if (_now < _nextSend) return _nextSend;
            NewTransaction();
            _attempt = 0;
            State = DhcpState.Selecting;
            _nextSend = _now;
            return Retransmit(DhcpOption.Discover);
        }

        /// <summary>Sends the state's message when due, with the randomised exponential backoff of RFC 2131 §4.1.</summary>
        private long Retransmit(int type)
        {
            if (_now < _nextSend) return _nextSend;
            if (type == DhcpOption.Request && _attempt >= RequestAttempts)
            {
                // No answer: start over (RFC 2131 §3.1 step 3 / §3.2 step 2).
                if (State == DhcpState.Rebooting) LoseAddress();
                _offer.Address = 0;
                State = DhcpState.Init;
                _nextSend = _now;
                return _now;
            }
            int result;
            if (type == DhcpOption.Discover) result = SendCounted(DhcpOption.Discover, Ip4.Broadcast, 0, _offer.Address, 0);
            else if (State == DhcpState.Requesting) result = SendCounted(DhcpOption.Request, Ip4.Broadcast, 0, _offer.Address, _offer.Server);
            else result = SendCounted(DhcpOption.Request, Ip4.Broadcast, 0, _offer.Address, 0); // INIT-REBOOT: no server id
            if (result == UdpError.Resolving) { _nextSend = _now + ResolveRetryMs; return _nextSend; }
            int delay = FirstRetransmitMs << (_attempt < 4 ? _attempt : 4);
            if (delay > MaxRetransmitMs) delay = MaxRetransmitMs;
            _nextSend = _now + delay - JitterMs + _random.Below(2 * JitterMs + 1);
            _attempt++;
            return _nextSend;
        }

        private long PollRenewing()
        {
            if (_now >= _lease.RebindAtMs)
            {
                State = DhcpState.Rebinding;
                _nextSend = _now;
                return PollRebinding();
            }
            if (_now >= _nextSend)
            {
                int r = SendCounted(DhcpOption.Request, _lease.Server, _lease.Address, 0, 0);
                _nextSend = r == UdpError.Resolving ? _now + ResolveRetryMs : _now + HalfOrMinimum(_lease.RebindAtMs - _now);
            }
            return _nextSend < _lease.RebindAtMs ? _nextSend : _lease.RebindAtMs;
        }

        private long PollRebinding()
        {
            if (_now >= _lease.ExpiresAtMs)
            {
                // RFC 2131 §4.4.5: the lease expired: stop using the address, start over.
                _counters.Expired++;
                LoseAddress();
                State = DhcpState.Init;
                _nextSend = _now;
                return _now;
            }
            if (_now >= _nextSend)
            {
                SendCounted(DhcpOption.Request, Ip4.Broadcast, _lease.Address, 0, 0);
                _nextSend = _now + HalfOrMinimum(_lease.ExpiresAtMs - _now);
            }
            return _nextSend < _lease.ExpiresAtMs ? _nextSend : _lease.ExpiresAtMs;
        }

        private static long HalfOrMinimum(long remaining)
        {
            long half = remaining / 2;
            return half < MinRenewRetransmitMs ? MinRenewRetransmitMs : half;
        }

        private long PollProbe()
        {
            int r = _probe.Poll(_now, _udp.Output, _random);
            if (r == AddressProbe.Running) return _probe.Deadline;
            if (r == AddressProbe.Done)
            {
                Configure();
                return _lease.RenewAtMs;
            }
            // RFC 2131 §3.1 step 5 / RFC 5227 §2.1.1: DECLINE, then start over after at least 10 s.
            _counters.Conflicts++;
            NewTransaction();
            if (Send(DhcpOption.Decline, Ip4.Broadcast, 0, _lease.Address, _lease.Server)) _counters.Declines++;
            _lease.Clear();
            _offer.Address = 0;
            State = DhcpState.Init;
            _nextSend = _now + DeclineWaitMs;
            return _nextSend;
        }

        private void CheckFallback()
        {
            if (_fallbackMs <= 0 || UsingFallback || HasLease || _staticIp == 0) return;
            if (_now - _startedAt < _fallbackMs) return;
            UsingFallback = true;
            _udp.SetAddress(_staticIp, _staticMask, _staticGateway);
        }

        private void NewTransaction()
        {
            _xid = _random.Next();
            _transactionStart = _now;
        }

        /// <summary>Applies the lease to the stack and enters BOUND.</summary>
        private void Configure()
        {
            UsingFallback = false;
            _udp.SetAddress(_lease.Address, _lease.SubnetMask, _lease.Router);
            State = DhcpState.Bound;
        }

        private void LoseAddress()
        {
            bool had = HasLease || State == DhcpState.Rebooting || State == DhcpState.Releasing || UsingFallback;
            _lease.Clear();
            UsingFallback = false;
            if (had) _udp.SetAddress(0, 0, 0);
        }

        private int SendCounted(int type, uint destination, uint ciaddr, uint requested, uint server)
        {
            _requestSentAt = _now;
            int r = SendMessage(type, destination, ciaddr, requested, server);
            if (r == UdpError.None)
            {
                if (type == DhcpOption.Discover) _counters.Discovers++;
                else _counters.Requests++;
            }
            return r;
        }

        private bool Send(int type, uint destination, uint ciaddr, uint requested, uint server)
        {
            return SendMessage(type, destination, ciaddr, requested, server) == UdpError.None;
        }

        /// <summary>Builds one client message (RFC 2131 table 5) in the transmit buffer and sends it.</summary>
        private int SendMessage(int type, uint destination, uint ciaddr, uint requested, uint server)
        {
            byte[] b = _out.Tx;
            int o = UdpOutput.PayloadOffset(_out);
            int secs = (int)((_now - _transactionStart) / 1000);
            // RFC 2131 §4.1: a client that cannot receive unicast before it has an address sets BROADCAST.
            DhcpMessage.WriteRequest(b, o, _xid, type == DhcpOption.Release || type == DhcpOption.Decline ? 0 : secs, ciaddr == 0, ciaddr, _mac, 0);
            int p = DhcpOption.Write8(b, o + DhcpMessage.OptionsOffset, DhcpOption.MessageType, type);
            // RFC 2132 §9.14: client identifier = hardware type 1 + MAC.
            b[p] = DhcpOption.ClientIdentifier;
            b[p + 1] = 7;
            b[p + 2] = 1;
            MacAddress.Copy(_mac, 0, b, p + 3);
            p += 9;
            if (requested != 0) p = DhcpOption.Write32(b, p, DhcpOption.RequestedAddress, requested);
            if (server != 0) p = DhcpOption.Write32(b, p, DhcpOption.ServerIdentifier, server);
            if (type == DhcpOption.Discover || type == DhcpOption.Request)
            {
                p = DhcpOption.Write16(b, p, DhcpOption.MaxMessageSize, _out.MaxIpPayload + 20);
                if (_hostName.Length > 0) p = DhcpOption.WriteBytes(b, p, DhcpOption.HostName, _hostName, 0, _hostName.Length);
                p = DhcpOption.WriteBytes(b, p, DhcpOption.ParameterRequestList, ParameterList, 0, ParameterList.Length);
            }
            b[p++] = DhcpOption.End;
            int length = p - o;
            if (length < DhcpMessage.MinimumLength)
            {
                System.Array.Clear(b, p, DhcpMessage.MinimumLength - length);
                length = DhcpMessage.MinimumLength;
            }
            return UdpOutput.Send(_out, DhcpMessage.ClientPort, destination, DhcpMessage.ServerPort, length, 0, _udp.UdpCounters);
        }

        // ---- input ------------------------------------------------------------------------------------

        void IUdpReceiver.OnDatagram(byte[] b, int o, int length, uint source, int sourcePort, uint destination, long nowMs)
        {
            _now = nowMs;
            int end = o + length;
            if (sourcePort != DhcpMessage.ServerPort || !DhcpMessage.IsWellFormedReply(b, o, length)
                || !DhcpOption.IsWellFormed(b, o + DhcpMessage.OptionsOffset, end))
            {
                _udp.CountUdpDrop(DropReason.DhcpMalformed, nowMs);
                return;
            }
            int start = o + DhcpMessage.OptionsOffset;
            int type = DhcpOption.Read8(b, start, end, DhcpOption.MessageType);
            if (DhcpMessage.Xid(b, o) != _xid || !MacAddress.Equal(b, DhcpMessage.ChaddrOffset(o), _mac, 0) || !Accept(type, b, o, start, end))
                _udp.CountUdpDrop(DropReason.DhcpUnexpected, nowMs);
        }

        /// <summary>Handles a reply for our transaction; false when it is unexpected in the current state.</summary>
        private bool Accept(int type, byte[] b, int o, int start, int end)
        {
            uint server = DhcpOption.Read32(b, start, end, DhcpOption.ServerIdentifier, 0);
            uint yiaddr = DhcpMessage.Yiaddr(b, o);
            switch (State)
            {
                case DhcpState.Selecting:
                    if (type != DhcpOption.Offer || server == 0 || !IsUsableAddress(yiaddr)) return false;
                    _counters.Offers++;
                    _offer.Address = yiaddr;
                    _offer.Server = server;
                    State = DhcpState.Requesting;
                    _attempt = 0;
                    _nextSend = _now;
                    Retransmit(DhcpOption.Request);
                    return true;
                case DhcpState.Requesting:
                    if (server != _offer.Server) return false; // another server's answer (RFC 2131 §4.4.1)
                    if (type == DhcpOption.Nak) return Nak();
                    if (type != DhcpOption.Ack || yiaddr != _offer.Address) return false;
                    return Ack(b, start, end, yiaddr, server, true);
                case DhcpState.Rebooting:
                    if (type == DhcpOption.Nak) return Nak();
                    if (type != DhcpOption.Ack || yiaddr != _offer.Address || server == 0) return false;
                    return Ack(b, start, end, yiaddr, server, _udp.IpAddress != yiaddr);
                case DhcpState.Renewing:
                case DhcpState.Rebinding:
                    if (State == DhcpState.Renewing && server != 0 && server != _lease.Server) return false;
                    if (type == DhcpOption.Nak) return Nak();
                    if (type != DhcpOption.Ack || yiaddr != _lease.Address) return false;
                    return Ack(b, start, end, yiaddr, server != 0 ? server : _lease.Server, false);
            }
            return false; // Bound, Probing, Init, Stopped: nothing is outstanding (a rogue server is ignored)
        }

        private bool Nak()
        {
            // RFC 2131 §3.1 step 5 / §4.4.5: a NAK ends the lease; restart from INIT.
            _counters.Naks++;
            LoseAddress();
            _offer.Address = 0;
            State = DhcpState.Init;
            _nextSend = _now;
            return true;
        }

        private bool Ack(byte[] b, int start, int end, uint address, uint server, bool probe)
        {
            _counters.Acks++;
            _lease.Address = address;
            _lease.Server = server;
            _lease.SubnetMask = DhcpOption.Read32(b, start, end, DhcpOption.SubnetMask, ClassfulMask(address));
            _lease.Router = DhcpOption.Read32(b, start, end, DhcpOption.Router, 0);
            _lease.NtpServer = DhcpOption.Read32(b, start, end, DhcpOption.NtpServers, 0);
            int dns = DhcpOption.Find(b, start, end, DhcpOption.DomainNameServer);
            int dnsLength = dns < 0 ? 0 : b[dns - 1];
            _lease.Dns1 = dnsLength >= 4 ? NetworkOrder.Read32(b, dns) : 0;
            _lease.Dns2 = dnsLength >= 8 ? NetworkOrder.Read32(b, dns + 4) : 0;
            uint lease = DhcpOption.Read32(b, start, end, DhcpOption.LeaseTime, 0xFFFFFFFF);
            _lease.LeaseSeconds = lease;
            _lease.StartMs = _requestSentAt;
            if (lease == 0xFFFFFFFF)
            {
                _lease.RenewAtMs = _lease.RebindAtMs = _lease.ExpiresAtMs = long.MaxValue;
            }
            else
            {
                // RFC 2131 §4.4.5: T1 defaults to 0.5 and T2 to 0.875 of the lease; T1 < T2 < lease.
                long leaseMs = (long)lease * 1000;
                long t1 = (long)DhcpOption.Read32(b, start, end, DhcpOption.RenewalTime, lease / 2) * 1000;
                long t2 = (long)DhcpOption.Read32(b, start, end, DhcpOption.RebindingTime, (uint)((ulong)lease * 7 / 8)) * 1000;
                if (t2 >= leaseMs || t2 <= 0) t2 = leaseMs * 7 / 8;
                if (t1 >= t2 || t1 <= 0) t1 = leaseMs / 2;
                _lease.RenewAtMs = _requestSentAt + t1;
                _lease.RebindAtMs = _requestSentAt + t2;
                _lease.ExpiresAtMs = _requestSentAt + leaseMs;
            }
            _offer.Address = address;
            _offer.Server = server;
            if (probe && _probeEnabled)
            {
                State = DhcpState.Probing;
                _probe.Start(address, _now, _random);
            }
            else Configure();
            return true;
        }

        /// <summary>ARP input while probing (RFC 5227 §2.1.1).</summary>
        void Arp.IArpObserver.ObserveArp(int operation, uint senderIp, uint targetIp, bool senderIsUs)
        {
            if (State == DhcpState.Probing) _probe.Observe(operation, senderIp, targetIp, senderIsUs);
        }

        private static bool IsUsableAddress(uint a)
        {
            int first = (int)(a >> 24);
            return a != 0 && a != Ip4.Broadcast && first != 0 && first != 127 && first < 224;
        }

        /// <summary>RFC 1122 3.3.1.1 / RFC 791 class default when the server gives no subnet mask.</summary>
        private static uint ClassfulMask(uint a)
        {
            int first = (int)(a >> 24);
            if (first < 128) return 0xFF000000;
            if (first < 192) return 0xFFFF0000;
            return 0xFFFFFF00;
        }
    }
}
