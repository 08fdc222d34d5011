using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // TCP below the connections: validation and demultiplexing of segments (smoltcp's interface/tcp.rs), the
    // connection slots with their handles, the listener table and its backlog, and the passes of Poll over the
    // connections in use (timers, dispatch, next deadline). Idle cost is proportional to the connections in use,
    // not to the slots: those are kept on a short list.
    public sealed partial class NetworkStack
    {
        private const int MaxSlots = 256;
        private const int GenerationMask = 0x3FFFFF;
        private const int ListenerFlag = 0x40000000;

        private IInitialSequenceNumbers _isn;
        private TcpConnection[] _tcbs;
        /// <summary>Slots in use, first <see cref="_activeCount"/> entries; freed slots leave it lazily (ActiveAt).</summary>
        private int[] _active;
        private int _activeCount;
        private Segment _seg;
        private int[] _listenPort;
        private int[] _listenBacklog;
        private int[] _listenGeneration;
        private long _backlogSequence;
        private int _nextEphemeral;

        private void InitializeTcp(StackConfig cfg)
        {
            int slots = cfg.ConnectionSlots < 1 ? 1 : (cfg.ConnectionSlots > MaxSlots ? MaxSlots : cfg.ConnectionSlots);
            _tcbs = new TcpConnection[slots];
            _active = new int[slots];
            for (int i = 0; i < slots; i++)
            {
                _tcbs[i] = new TcpConnection(_ctx, i, Positive(cfg.SendBufferSize, 64), Positive(cfg.ReceiveBufferSize > 65535 ? 65535 : cfg.ReceiveBufferSize, 64),
                                             cfg.OutOfOrderRanges < 0 ? 0 : cfg.OutOfOrderRanges);
            }
            int listeners = cfg.ListenerSlots < 1 ? 1 : cfg.ListenerSlots;
            _listenPort = new int[listeners];
            _listenBacklog = new int[listeners];
            _listenGeneration = new int[listeners];
            for (int i = 0; i < listeners; i++) _listenGeneration[i] = 1;
            _ctx.Resets = new ResetQueue(slots + 2);
            _seg = new Segment();
            _nextEphemeral = cfg.EphemeralPortFirst;
        }

        private static int Positive(int value, int minimum)
        {
            return value < minimum ? minimum : value;
        }

        /// <summary>The i-th connection in use, or null when that entry's slot was freed (the entry is removed).</summary>
        private TcpConnection ActiveAt(int i)
        {
            TcpConnection t = _tcbs[_active[i]];
            if (t.InUse) return t;
            t.Active = false;
            _active[i] = _active[--_activeCount];
            return null;
        }

        private void RunTcpTimers()
        {
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t != null && t.State != TcpState.Closed) t.RunTimers();
            }
        }

        private void DispatchTcp()
        {
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t != null) t.Dispatch();
            }
        }

        private long NextTcpDeadline()
        {
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
            if (!TcpHeader.HasValidChecksum(f, o, length, source, _if.Ip))
            {
                _ctx.Drop(DropReason.TcpChecksum, f, 0, frameLength);
                return;
            }
            Segment seg = _seg;
            seg.SourceIp = source;
            seg.SourcePort = TcpHeader.SourcePort(f, o);
            seg.DestinationPort = TcpHeader.DestinationPort(f, o);
            seg.Seq = TcpHeader.Sequence(f, o);
            seg.Ack = TcpHeader.Acknowledgment(f, o);
            seg.Flags = TcpHeader.Flags(f, o);
            seg.Window = TcpHeader.Window(f, o);
            seg.Mss = TcpHeader.MssOption(f, o);
            seg.Buffer = f;
            int headerLength = TcpHeader.HeaderLength(f, o);
            seg.DataOffset = o + headerLength;
            seg.DataLength = length - headerLength;
            // Port 0 is reserved; SYN+RST and SYN+FIN are nonsense combinations (dropped like Linux does).
            if (seg.SourcePort == 0 || seg.DestinationPort == 0 ||
                (seg.Has(TcpFlags.Syn) && (seg.Has(TcpFlags.Rst) || seg.Has(TcpFlags.Fin))))
            {
                _ctx.Drop(DropReason.TcpInvalid, f, 0, frameLength);
                return;
            }
            _ctx.Counters.TcpSegmentsReceived++;
            if (seg.Has(TcpFlags.Rst)) _ctx.Counters.TcpRstReceived++;

            TcpConnection t = FindConnection(seg.SourceIp, seg.SourcePort, seg.DestinationPort);
            // Only a SYN, or a segment no connection claims, can concern a listener: skip the search otherwise.
            int listener = t == null || seg.Has(TcpFlags.Syn) ? FindListenerByPort(seg.DestinationPort) : -1;
            if (t != null && listener >= 0 && t.TimeWaitAllowsReopen(seg))
            {
                t.Free();
                t = null;
            }
            // A SYN to a listener (new or repeated): its frame tells where the peer's next hop is (passive open).
            if (listener >= 0 && seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Ack) && (t == null || (t.State == TcpState.SynReceived && t.Listener >= 0)))
            {
                _if.LearnNeighbour(source, f, EthernetFrame.SourceField);
            }
            if (t != null) t.Process(seg);
            else if (listener >= 0) ListenInput(listener, seg);
            else ClosedPort.Input(_ctx, seg);
        }

        /// <summary>RFC 9293 §3.10.7.2: LISTEN. A SYN creates a child connection in SYN-RECEIVED (backlog permitting).</summary>
        private void ListenInput(int listener, Segment seg)
        {
            if (seg.Has(TcpFlags.Rst))
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            if (seg.Has(TcpFlags.Ack))
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                ClosedPort.SendReset(_ctx, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
                return;
            }
            if (!seg.Has(TcpFlags.Syn))
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            // A full backlog drops the SYN silently so the client's retransmission can succeed later (lwIP, Linux).
            if (BacklogCount(listener) >= _listenBacklog[listener])
            {
                _ctx.Drop(DropReason.TcpBacklogFull, seg.Buffer, 0, 0);
                return;
            }
            TcpConnection t = AllocateTcb();
            if (t == null)
            {
                _ctx.Drop(DropReason.TcpNoSlot, seg.Buffer, 0, 0);
                return;
            }
            t.OpenPassive(seg, listener, ++_backlogSequence, NextIsn(seg.SourceIp, seg.SourcePort, seg.DestinationPort));
        }

        private uint NextIsn(uint remoteIp, int remotePort, int localPort)
        {
            return _isn.Next(_if.Ip, localPort, remoteIp, remotePort, _ctx.Now);
        }

        private int BacklogCount(int listener)
        {
            int n = 0;
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t != null && t.Listener == listener) n++;
            }
            return n;
        }

        /// <summary>ICMP protocol/port unreachable quoting a segment of ours (see NetworkStack.Icmp.cs).</summary>
        private void SynRejectedByIcmp(uint remoteIp, int remotePort, int localPort, uint seq, bool portUnreachable)
        {
            TcpConnection t = FindConnection(remoteIp, remotePort, localPort);
            if (t != null) t.IcmpRejectsSyn(seq, portUnreachable);
        }

        /// <summary>The connection a handle names, or null when the handle is stale or invalid.</summary>
        private TcpConnection FindTcb(int handle)
        {
            if (handle < 0 || (handle & ListenerFlag) != 0) return null;
            int slot = handle & 0xFF;
            if (slot >= _tcbs.Length) return null;
            TcpConnection t = _tcbs[slot];
            return t.InUse && t.Handle == handle ? t : null;
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

        /// <summary>The live connection for a 4-tuple (slots held only to report an error do not match).</summary>
        private TcpConnection FindConnection(uint remoteIp, int remotePort, int localPort)
        {
            int ports = TcpConnection.PackPorts(localPort, remotePort);
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t != null && t.State != TcpState.Closed && t.Ports == ports && t.RemoteIp == remoteIp) return t;
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

        /// <summary>A free slot, reclaiming the oldest TIME-WAIT connection when none is free; null if none.</summary>
        private TcpConnection AllocateTcb()
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (!_tcbs[i].InUse) return Claim(_tcbs[i]);
            }
            TcpConnection reclaimed = ReclaimOldestTimeWait();
            return reclaimed == null ? null : Claim(reclaimed);
        }

        private TcpConnection Claim(TcpConnection t)
        {
            int generation = (t.Generation + 1) & GenerationMask;
            t.Reset(generation == 0 ? 1 : generation);
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
        /// evicted: a SYN is then dropped (counted, no RST, the client retries) and Connect returns NoFreeSlot.
        /// </summary>
        private TcpConnection ReclaimOldestTimeWait()
        {
            TcpConnection oldest = null;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                TcpConnection t = _tcbs[i];
                if (t.InUse && t.State == TcpState.TimeWait && t.Reclaimable && (oldest == null || t.Since < oldest.Since)) oldest = t;
            }
            if (oldest == null) return null;
            _ctx.Counters.TcpTimeWaitReclaimed++;
            oldest.Free();
            return oldest;
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
            ResetQueue resets = _ctx.Resets;
            while (resets.Count > 0)
            {
                int i = resets.Peek();
                ClosedPort.SendReset(_ctx, resets.Ip(i), resets.LocalPort(i), resets.RemotePort(i), resets.Seq(i), 0, false);
                resets.Remove();
            }
        }
    }
}
