using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // TCP below the connections: validation and demultiplexing of segments (smoltcp's interface/tcp.rs), the
    // connection slots with their handles, the listener table and its backlog, and the passes of Poll over the
    // connections in use (timers, dispatch, next deadline). The passes visit only the connections in use (a short
    // list, not the slots), and an idle Poll skips them altogether (_tcpDeadline).
    public sealed partial class NetworkStack
    {
        private const int MaxSlots = 256;
        private const int GenerationMask = 0x3FFFFF;
        private const int ListenerFlag = 0x40000000;

        private IInitialSequenceNumbers _isn;
        /// <summary>SipHash keyed with IsnSecret: RFC 6528 ISNs (unless IsnSource replaces them), RFC 6056 ports.</summary>
        private InitialSequenceNumber _keyedHash;
        private TcpConnection[] _tcbs;
        /// <summary>Slots in use, first <see cref="_activeCount"/> entries; freed slots leave it lazily (ActiveAt).</summary>
        private int[] _active;
        private int _activeCount;
        private Segment _seg;
        private int[] _listenPort;
        private int[] _listenBacklog;
        private int[] _listenGeneration;
        private long _backlogSequence;
        /// <summary>RFC 6056 §3.3.3 next_ephemeral: counts every port tried.</summary>
        private int _nextEphemeral;
        /// <summary>
        /// The earliest connection deadline noted by the last TCP pass (<see cref="RunTcp"/>); <see cref="Unknown"/>
        /// when a frame was read, the link was down, or a connection still owes a segment. Poll skips both TCP passes while it
        /// is known and not reached and no API call queued work (<see cref="StackContext.WorkPending"/>): nothing
        /// else changes a connection (input, timers and API calls are the only sources of TCP work), so an idle
        /// Poll visits no connection.
        /// </summary>
        private long _tcpDeadline = Unknown;
        private const long Unknown = long.MinValue;

        private void InitializeTcp(StackConfig cfg)
        {
            int slots = cfg.ConnectionSlots < 1 ? 1 : (cfg.ConnectionSlots > MaxSlots ? MaxSlots : cfg.ConnectionSlots);
            _tcbs = new TcpConnection[slots];
            _ctx.TcpSendBufferSize = Positive(cfg.SendBufferSize, 64);
            _active = new int[slots];
            int receive = Positive(cfg.ReceiveBufferSize > 65535 ? 65535 : cfg.ReceiveBufferSize, 64);
            _ctx.TcpWindowStep = receive / 2 < _ctx.Mss ? receive / 2 : _ctx.Mss;
            for (int i = 0; i < slots; i++)
            {
                _tcbs[i] = new TcpConnection(_ctx, i, receive, cfg.OutOfOrderRanges < 0 ? 0 : cfg.OutOfOrderRanges);
            }
            int listeners = cfg.ListenerSlots < 1 ? 1 : cfg.ListenerSlots;
            _listenPort = new int[listeners];
            _listenBacklog = new int[listeners];
            _listenGeneration = new int[listeners];
            for (int i = 0; i < listeners; i++) _listenGeneration[i] = 1;
            _ctx.Resets = new ResetQueue(slots + 2);
            _seg = new Segment();
            _seg.Buffer = _rx; // every segment is read from the one receive frame
            _nextEphemeral = 0;
            InitializeSynCookies();
        }

        private static int Positive(int value, int minimum)
        {
            return value < minimum ? minimum : value;
        }

        /// <summary>The i-th connection in use, or null when that entry's slot was freed (the entry is removed).</summary>
        private TcpConnection ActiveAt(int i)
        {
            TcpConnection t = _tcbs[_active[i]];
            if ((t._flags & TcpConnection.FlagInUse) != 0) return t; // the bit, not the property: one frame less per slot
            Deactivate(i);
            return null;
        }

        /// <summary>Removes the i-th entry of the list (its slot was freed); the last entry takes its place.</summary>
        private void Deactivate(int i)
        {
            _tcbs[_active[i]].Active = false;
            _active[i] = _active[--_activeCount];
        }

        /// <summary>
        /// The TCP pass of Poll: each connection in use runs its due timers, then sends what it owes
        /// (<see cref="TcpConnection.Service"/>), and the pass notes the earliest deadline for
        /// <see cref="NextTcpDeadline"/> and for the next Poll's decision to skip the pass (nothing after it touches
        /// a connection: only ARP requests follow). With the link down, or a connection still owing an ACK, the
        /// deadline stays <see cref="Unknown"/> (long.MinValue, also what Service returns then): the next Poll runs
        /// the pass again. The in-use bit is tested here rather than through ActiveAt: a frame less per connection.
        /// </summary>
        private void RunTcp(bool linkUp)
        {
            long next = long.MaxValue;
            TcpConnection[] tcbs = _tcbs;
            int[] active = _active;
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = tcbs[active[i]];
                if ((t._flags & TcpConnection.FlagInUse) == 0)
                {
                    Deactivate(i);
                    continue;
                }
                if (t.State == TcpState.Closed) continue; // held only to report its error
                long at = t.Service(linkUp);
                if (at < next) next = at;
            }
            _tcpDeadline = linkUp ? next : Unknown;
        }

        /// <summary>
        /// Our address went away (DHCP lease lost, released or changed): every connection bound to it is reset
        /// without a segment (the address is no longer ours to send from, RFC 2131 §4.4.5); the application sees
        /// <see cref="TcpError.ConnectionReset"/>. Listeners stay: they accept on the new address.
        /// </summary>
        private void ResetConnectionsOnAddressLoss()
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                TcpConnection t = _tcbs[i];
                if (t.InUse && t.State != TcpState.Closed) t.EnterClosed(TcpError.ConnectionReset);
            }
        }

        private long NextTcpDeadline()
        {
            if (_tcpDeadline != Unknown) return _tcpDeadline;
            long next = long.MaxValue;
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t == null) continue;
                long at = t.PollAt();
                if (at < next) next = at;
            }
            return next;
        }

        /// <summary>TCP input: validates the segment in _rx[o..o+length), then hands it to its connection, listener or the CLOSED row.</summary>
        private void ProcessTcp(uint source, int o, int length, int frameLength)
        {
            byte[] f = _rx;
            if (!TcpHeader.IsWellFormed(f, o, length))
            {
                _ctx.Drop(DropReason.TcpMalformed, f, 0, frameLength);
                return;
            }
            // Without IP options (nearly always) the pseudo-header's addresses come with the segment in one pass.
            if (!(o == TcpHeader.InFrame ? TcpHeader.HasValidChecksumAfterIpv4(f, o, length)
                                        : TcpHeader.HasValidChecksum(f, o, length, source, _if.Ip)))
            {
                _ctx.Drop(DropReason.TcpChecksum, f, 0, frameLength);
                return;
            }
            Segment seg = _seg;
            // Every segment comes here: the fields are read in place (TcpHeader's offsets), each once, rather than
            // through an accessor call each, and into locals first: the tests below read them from there.
            uint ports = NetworkOrder.Read32(f, o); // source port in the high 16 bits, destination in the low
            int remotePort = (int)(ports >> 16), localPort = (int)(ports & 0xFFFF);
            int flags = f[o + TcpHeader.FlagsField];
            int headerLength = (f[o + 12] >> 4) * 4; // TcpHeader.HeaderLength
            seg.Seq = NetworkOrder.Read32(f, o + TcpHeader.SequenceField);
            seg.Ack = NetworkOrder.Read32(f, o + TcpHeader.AcknowledgmentField);
            seg.Flags = flags;
            seg.Window = NetworkOrder.Read16(f, o + TcpHeader.WindowField);
            // No options after a 20-byte header (most segments after the handshake): skip the scan.
            seg.Mss = headerLength > TcpHeader.MinLength ? TcpHeader.MssOption(f, o) : -1;
            seg.DataOffset = o + headerLength;
            seg.DataLength = length - headerLength;
            // Port 0 is reserved; SYN+RST and SYN+FIN are nonsense combinations (dropped like Linux does).
            bool syn = (flags & TcpFlags.Syn) != 0;
            if (remotePort == 0 || localPort == 0 || (syn && (flags & (TcpFlags.Rst | TcpFlags.Fin)) != 0))
            {
                _ctx.Drop(DropReason.TcpInvalid, f, 0, frameLength);
                return;
            }
            StackCounters counters = _ctx.Counters;
            counters.TcpSegmentsReceived++;
            if ((flags & TcpFlags.Rst) != 0) counters.TcpRstReceived++;

            // TcpConnection.PackPorts(localPort, remotePort) without the call: the wire has the two ports the other way round.
            TcpConnection t = FindConnection(source, (int)((ports << 16) | (ports >> 16)));
            // Only a SYN, or a segment no connection claims, can concern a listener: skip the search otherwise.
            int listener = t == null || syn ? FindListenerByPort(localPort) : -1;
            if (listener >= 0 && t != null)
            {
                if (t.TimeWaitAllowsReopen(seg))
                {
                    t.Free();
                    t = null;
                }
                // A repeated SYN to a listener's half-open connection: its frame tells where the peer's next hop is
                // (a new SYN is learned only when it gets a slot, ListenInput: a flood of SYNs must not churn the cache).
                else if (syn && (flags & TcpFlags.Ack) == 0 && t.State == TcpState.SynReceived && t.Listener >= 0)
                {
                    _if.LearnNeighbour(source, f, EthernetFrame.SourceField);
                }
            }
            if (t != null)
            {
                t.Process(seg);
                return;
            }
            // Only the LISTEN and CLOSED rows read the endpoints from the segment (a connection has its own).
            seg.SourceIp = source;
            seg.SourcePort = remotePort;
            seg.DestinationPort = localPort;
            if (listener >= 0) ListenInput(listener, seg);
            else ClosedPort.Input(_ctx, seg);
        }

        /// <summary>RFC 9293 §3.10.7.2: LISTEN. A SYN creates a child connection in SYN-RECEIVED (backlog permitting).</summary>
        private void ListenInput(int listener, Segment seg)
        {
            if ((seg.Flags & TcpFlags.Rst) != 0)
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            if ((seg.Flags & TcpFlags.Ack) != 0)
            {
                if (CookieAckInput(listener, seg)) return;
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                ClosedPort.SendReset(_ctx, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
                return;
            }
            if ((seg.Flags & TcpFlags.Syn) == 0)
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            // No route back (off-subnet source, no gateway): answering via the frame's source MAC would make a
            // connection that can never resolve its next hop again (RFC 1122 4.2.3.5); drop like a routerless host.
            if (_if.NextHop(seg.SourceIp) == 0)
            {
                _ctx.Drop(DropReason.NoRoute, seg.Buffer, 0, 0);
                return;
            }
            // A full backlog or a shortage of slots: a SYN cookie, or a silent drop so the client's retransmission
            // can succeed later (lwIP, Linux) when cookies are off (the SYN-flood defence at the end of this file).
            if (!HalfOpenAllowed(listener))
            {
                SynUnderPressure(listener, seg);
                return;
            }
            TcpConnection t = AllocateTcb();
            if (t == null)
            {
                _ctx.Drop(DropReason.TcpNoSlot, seg.Buffer, 0, 0);
                return;
            }
            // The SYN's frame tells where the peer's next hop is, so the SYN+ACK needs no resolution round trip.
            _if.LearnNeighbour(seg.SourceIp, seg.Buffer, EthernetFrame.SourceField);
            t.OpenPassive(seg, listener, ++_backlogSequence, NextIsn(seg.SourceIp, seg.SourcePort, seg.DestinationPort));
        }

        private uint NextIsn(uint remoteIp, int remotePort, int localPort)
        {
            return _isn.Next(_if.Ip, localPort, remoteIp, remotePort, _ctx.Now);
        }

        /// <summary>ICMP protocol/port unreachable quoting a segment of ours (see NetworkStack.Icmp.cs).</summary>
        private void SynRejectedByIcmp(uint remoteIp, int remotePort, int localPort, uint seq, bool portUnreachable)
        {
            TcpConnection t = FindConnection(remoteIp, TcpConnection.PackPorts(localPort, remotePort));
            if (t != null) t.IcmpRejectsSyn(seq, portUnreachable);
        }

        /// <summary>The connection a handle names, or null when the handle is stale or invalid.</summary>
        private TcpConnection FindTcb(int handle)
        {
            if (handle < 0 || (handle & ListenerFlag) != 0) return null;
            int slot = handle & 0xFF;
            if (slot >= _tcbs.Length) return null;
            TcpConnection t = _tcbs[slot];
            return t.Handle == handle && (t._flags & TcpConnection.FlagInUse) != 0 ? t : null;
        }

        /// <summary>The listener index a handle names, or -1.</summary>
        private int FindListener(int handle)
        {
            if (handle < 0 || (handle & ListenerFlag) == 0) return -1;
            int index = handle & 0xFF;
            if (index >= _listenPort.Length || _listenPort[index] == 0) return -1;
            return ListenerHandle(index) == handle ? index : -1;
        }

        private int ListenerHandle(int index)
        {
            return ListenerFlag | (_listenGeneration[index] << 8) | index;
        }

        private int FindListenerByPort(int port)
        {
            for (int i = 0; i < _listenPort.Length; i++)
            {
                if (_listenPort[i] == port) return i;
            }
            return -1;
        }

        /// <summary>
        /// The live connection for these endpoints (<paramref name="ports"/> as <see cref="TcpConnection.PackPorts"/>
        /// packs them), or null; slots held only to report an error do not match.
        /// </summary>
        private TcpConnection FindConnection(uint remoteIp, int ports)
        {
            TcpConnection[] tcbs = _tcbs;
            int[] active = _active;
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = tcbs[active[i]];
                if (t.Is(remoteIp, ports)) return t;
            }
            return null;
        }

        private bool LocalPortInUse(int port)
        {
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t != null && t.LocalPort == port) return true;
            }
            return false;
        }

        /// <summary>
        /// A free slot, reclaiming the oldest TIME-WAIT connection, else an orphan in LAST-ACK or CLOSING, when none
        /// is free; null if none.
        /// </summary>
        private TcpConnection AllocateTcb()
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (!_tcbs[i].InUse) return Claim(_tcbs[i]);
            }
            TcpConnection reclaimed = ReclaimOldestTimeWait();
            if (reclaimed == null) reclaimed = ReclaimOrphan(TcpState.LastAck);
            if (reclaimed == null) reclaimed = ReclaimOrphan(TcpState.Closing);
            return reclaimed == null ? null : Claim(reclaimed);
        }

        private TcpConnection Claim(TcpConnection t)
        {
            // A free slot is already reset (TcpConnection.Free and the constructor do it): only the generation
            // changes here, so that handles to the slot's previous connection go stale. A second Reset would cost
            // the interpreter a few hundred IL instructions per connection.
            int generation = (t.Generation + 1) & GenerationMask;
            t.Handle = ((generation == 0 ? 1 : generation) << 8) | t.Slot;
            t.InUse = true;
            if (!t.Active)
            {
                t.Active = true;
                _active[_activeCount++] = t.Slot;
            }
            return t;
        }

        /// <summary>
        /// Slot reuse when every slot is busy (RFC 6191 spirit; lwIP's tcp_alloc and uIP do the same): the connection
        /// that has been in TIME-WAIT the longest is freed for the new one. Connections in any other state are never
        /// evicted except orphans in LAST-ACK/CLOSING (<see cref="ReclaimOrphan"/>): a SYN is then dropped (counted,
        /// no RST, the client retries) and Connect returns NoFreeSlot.
        /// </summary>
        private TcpConnection ReclaimOldestTimeWait()
        {
            TcpConnection oldest = null;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                TcpConnection t = _tcbs[i];
                if (t.InUse && t.State == TcpState.TimeWait && t.Reclaimable && (oldest == null || t.Since - oldest.Since < 0)) oldest = t;
            }
            if (oldest == null) return null;
            _ctx.Counters.TcpTimeWaitReclaimed++;
            oldest.Free();
            return oldest;
        }

        /// <summary>
        /// Next after TIME-WAIT (lwIP tcp_alloc does the same): a connection the application has closed that only
        /// waits for the ACK of its FIN (LAST-ACK, CLOSING) carries nothing anyone will read; the one that has
        /// retransmitted its FIN the most is reset and freed. Connections the application holds are never taken.
        /// </summary>
        private TcpConnection ReclaimOrphan(TcpState state)
        {
            TcpConnection victim = null;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                TcpConnection t = _tcbs[i];
                if (t.InUse && t.State == state && t.UserClosed && (victim == null || t.Retries > victim.Retries)) victim = t;
            }
            if (victim == null) return null;
            _ctx.Counters.TcpOrphansReclaimed++;
            victim.QueueReset();
            victim.Free();
            return victim;
        }

        private int CountFreeSlots()
        {
            int free = 0;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (!_tcbs[i].InUse) free++;
            }
            return free;
        }

        private void SendQueuedResets()
        {
            // A RST whose next hop is still being resolved goes back to the end of the queue; the ARP answer (or the
            // ARP retry deadline) brings the next Poll, which sends it. The queue is bounded, so nothing piles up.
            ResetQueue resets = _ctx.Resets;
            for (int n = resets.Count; n > 0; n--)
            {
                int i = resets.Peek();
                uint ip = resets.Ip(i), seq = resets.Seq(i);
                int local = resets.LocalPort(i), remote = resets.RemotePort(i);
                resets.Remove();
                if (ClosedPort.SendReset(_ctx, ip, local, remote, seq, 0, false) == NetworkInterface.Waiting)
                    resets.Add(ip, local, remote, seq);
            }
        }

        // SYN-flood defence for LISTEN (RFC 4987 §3.6 SYN cookies, §3.2-§3.4 backlog and slot policy). A SYN gets a
        // half-open (SYN-RECEIVED) slot only while its listener's backlog has room and more than the half-open reserve
        // of slots is available; otherwise it is answered with a SYN cookie and nothing is kept. A returning ACK that
        // carries a valid cookie creates the connection (TcpConnection.OpenFromCookie) in any available slot, if the
        // listener's accept queue has room; else it is refused with a RST (a completed handshake is served or refused,
        // never dropped). Half-open entries never displace anything.
        private void InitializeSynCookies()
        {
            _ctx.Cookies = new SynCookie(_keyedHash);
        }

        /// <summary>
        /// True when a SYN for <paramref name="listener"/> may take a half-open slot. Connections the peer has
        /// already closed (FIN received before Accept) do not count against the backlog here: they are finished
        /// from the client's side, and counting them stalled back-to-back connect+close clients.
        /// </summary>
        private bool HalfOpenAllowed(int listener)
        {
            return PendingCount(listener, false) < _listenBacklog[listener] && AvailableSlots() > HalfOpenReserve();
        }

        /// <summary>
        /// Answers a SYN that may not take a slot: a SYN cookie, or a silent drop when cookies are off or no slot
        /// could be had at all (a cookie would only lead to a RST; the client's retransmission may find one).
        /// The SYN+ACK goes back to the SYN frame's source MAC: nothing about the sender is cached.
        /// </summary>
        private void SynUnderPressure(int listener, Segment seg)
        {
            bool backlogFull = PendingCount(listener, false) >= _listenBacklog[listener];
            if (!_ctx.Config.SynCookies || (!backlogFull && AvailableSlots() == 0))
            {
                _ctx.Drop(backlogFull ? DropReason.TcpBacklogFull : DropReason.TcpNoSlot, seg.Buffer, 0, 0);
                return;
            }
            uint cookie = _ctx.Cookies.Encode(_if.Ip, seg.DestinationPort, seg.SourceIp, seg.SourcePort, seg.Seq,
                                              seg.Mss < 0 ? _ctx.Config.DefaultPeerMss : seg.Mss, _ctx.Now);
            int window = _tcbs[0].ReceiveCapacity;
            TcpHeader.Write(_if.Tx, seg.DestinationPort, seg.SourcePort, cookie, seg.Seq + 1,
                            TcpFlags.Syn | TcpFlags.Ack, window > 65535 ? 65535 : window, _ctx.Mss, 0, _if.Ip, seg.SourceIp);
            if (_if.SendIpv4(seg.SourceIp, Ipv4Packet.ProtocolTcp, TcpHeader.MinLength + TcpHeader.OptionMssLength) != NetworkInterface.Sent) return;
            _ctx.Counters.TcpSegmentsSent++;
            _ctx.Counters.TcpSynCookiesSent++;
        }

        /// <summary>
        /// A bare ACK (possibly with data or FIN) for a listener: if it carries a cookie of ours, the connection is
        /// created and the segment processed; returns false when it is no cookie (the caller resets).
        /// </summary>
        private bool CookieAckInput(int listener, Segment seg)
        {
            if (seg.Has(TcpFlags.Syn) || !_ctx.Cookies.RecentlySent(_ctx.Now)) return false;
            int mss = _ctx.Cookies.Validate(_if.Ip, seg.DestinationPort, seg.SourceIp, seg.SourcePort, seg.Seq - 1, seg.Ack - 1, _ctx.Now);
            if (mss < 0)
            {
                _ctx.Counters.TcpSynCookiesRejected++;
                return false;
            }
            _ctx.Counters.TcpSynCookiesValidated++;
            bool queueFull = PendingCount(listener, true) >= _listenBacklog[listener];
            TcpConnection t = queueFull ? null : AllocateTcb();
            if (t == null)
            {
                // Refused, not dropped: the client believes it is connected (honest accept policy).
                _ctx.Drop(queueFull ? DropReason.TcpBacklogFull : DropReason.TcpNoSlot, seg.Buffer, 0, 0);
                ClosedPort.SendReset(_ctx, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
                return true;
            }
            _if.LearnNeighbour(seg.SourceIp, seg.Buffer, EthernetFrame.SourceField);
            t.OpenFromCookie(seg, listener, ++_backlogSequence, mss);
            return true;
        }

        /// <summary>
        /// Connections waiting in <paramref name="listener"/>'s backlog: SYN-RECEIVED and not yet accepted, without
        /// those the peer has already closed; <paramref name="acceptQueue"/> counts only completed ones, closed or not.
        /// </summary>
        private int PendingCount(int listener, bool acceptQueue)
        {
            int n = 0;
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t == null || t.Listener != listener) continue;
                if (acceptQueue ? t.State != TcpState.SynReceived : !t.FinReceived) n++;
            }
            return n;
        }

        /// <summary>Slots a new connection could get (see AllocateTcb): free, reclaimable TIME-WAIT, orphans in LAST-ACK/CLOSING.</summary>
        private int AvailableSlots()
        {
            int n = 0;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                TcpConnection t = _tcbs[i];
                if (!t.InUse || (t.State == TcpState.TimeWait && t.Reclaimable)) n++;
                else if (t.UserClosed && (t.State == TcpState.LastAck || t.State == TcpState.Closing)) n++;
            }
            return n;
        }

        /// <summary><see cref="StackConfig.HalfOpenReserve"/>, at most a quarter of the slots (tiny tables keep working).</summary>
        private int HalfOpenReserve()
        {
            int quarter = _tcbs.Length / 4;
            int r = _ctx.Config.HalfOpenReserve < 0 ? 0 : _ctx.Config.HalfOpenReserve;
            return r < quarter ? r : quarter;
        }
    }
}
