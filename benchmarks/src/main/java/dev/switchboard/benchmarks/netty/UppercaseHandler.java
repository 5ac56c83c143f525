package dev.switchboard.benchmarks.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers each TCP message with its bytes upper-cased in place: with raw framing a message is what
 * one read returned, with line framing a line with its terminator. Replies are written as messages
 * arrive and flushed once per read batch ({@code channelReadComplete}), so that a burst of
 * pipelined requests leaves in one system call. Reading pauses while the channel is not writable
 * (its outbound buffer is above the high watermark), as Switchboard's backpressure does.
 */
@ChannelHandler.Sharable
final class UppercaseHandler extends ChannelInboundHandlerAdapter {

    static final UppercaseHandler INSTANCE = new UppercaseHandler();

    private UppercaseHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        AsciiUpperCase.raise(buf);
        ctx.write(buf, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset or broken pipe is a client leaving, and a too-long line a refusal: close quietly
        ctx.close();
    }
}
