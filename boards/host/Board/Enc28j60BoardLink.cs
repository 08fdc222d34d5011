using NanoTcp.Enc28j60;
using NanoTcp.Enc28j60.Emulation;
using NanoTcp.Firmware;
using NanoTcp.VirtualBoard.Tap;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>
    /// <c>--link enc28j60</c>: the stack talks to the real ENC28J60 driver, which talks over the emulated SPI bus
    /// to the emulated chip (a rev. B7 with its errata switched on), whose cable is the TAP device. Frames from the
    /// TAP enter the chip's receive ring through <see cref="Enc28j60Chip.ReceiveFromWire"/>; frames the chip
    /// transmits go to the TAP through <see cref="IEthernetWire"/>. The chip's virtual clock is kept in step with
    /// the board's clock, and the driver's delays advance it.
    /// </summary>
    internal sealed class Enc28j60BoardLink : IBoardLink, IEthernetWire, IMicrosecondClock
    {
        // Frames moved from the TAP into the chip per loop iteration: the chip's ring holds a few full-size
        // frames, the kernel's TAP queue holds the rest until the driver has drained the ring.
        private const int FramesPerPump = 4;

        private readonly ILink _wire;
        private readonly Enc28j60Chip _chip;
        private readonly Enc28j60Driver _driver;
        private readonly byte[] _frame = new byte[2048];

        public Enc28j60BoardLink(BoardOptions options, TapLink tap, ILink wire)
        {
            _wire = wire;
            _chip = new Enc28j60Chip(new Enc28j60ChipOptions { Strict = true, Seed = options.Seed });
            _chip.Wire = this;
            _chip.LinkUp = true;
            _driver = new Enc28j60Driver(_chip, this, new Enc28j60Options { MacAddress = (byte[])options.MacAddress.Clone() });
            Enc28j60InitResult result = _driver.Initialize();
            if (result != Enc28j60InitResult.Success)
                throw new System.InvalidOperationException("ENC28J60 driver initialisation failed: " + result);
            Status = new NanoTcp.Firmware.Enc28j60LinkStatus(_driver, true);
        }

        public ILink StackLink => _driver;

        public ILinkStatus Status { get; }

        public string Description => "ENC28J60 emulated";

        /// <summary>The driver's clock is the chip's virtual time.</summary>
        public long NowMicroseconds => _chip.NowMicroseconds;

        /// <summary>A driver delay lets the chip's virtual time pass (timed events complete on the way).</summary>
        public void Delay(int microseconds)
        {
            if (microseconds > 0) _chip.AdvanceTime(microseconds);
        }

        public void Pump(long nowMs)
        {
            _chip.AdvanceTimeTo(nowMs * 1000);
            for (int i = 0; i < FramesPerPump; i++)
            {
                int n = _wire.Receive(_frame, 0, _frame.Length);
                if (n <= 0) break;
                _chip.ReceiveFromWire(_frame, 0, n);
            }
        }

        /// <summary>
        /// The last frame of a burst is still on the (virtual) cable when the stack's poll returns; let the chip's
        /// clock run ahead until it is out, so the TAP sees it now. The virtual clock may lead real time by a few
        /// frame times; <see cref="Pump"/> only ever moves it forward.
        /// </summary>
        public void Flush()
        {
            _driver.FlushTransmit();
        }

        /// <summary>The chip put a frame on the cable: write it to the TAP device.</summary>
        public void Send(byte[] frame, int offset, int length)
        {
            _wire.Transmit(frame, offset, length);
        }
    }
}
