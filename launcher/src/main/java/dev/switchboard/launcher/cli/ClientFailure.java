package dev.switchboard.launcher.cli;

/** Why a client command ({@code send}, {@code stats}) got no answer: one line for the user and its exit status. */
final class ClientFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status one of {@link ExitStatus}'s
     * @param reason one line, without the command's name
     */
    ClientFailure(int status, String reason) {
        super(reason);
        this.status = status;
    }

    int status() {
        return status;
    }
}
