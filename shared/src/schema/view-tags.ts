/**
 * StateView tags shared by schema classes and the server framework.
 *
 * A field tagged `@view(OWNER_VIEW_TAG)` is sent only to the client whose own player object it
 * is (the framework adds each client's player to that client's view with this tag). Use it for
 * per-player fields that change often but matter only to their owner (an input ack, the exact
 * position the owner reconciles against): every other client would pay for them in every patch.
 */
export const OWNER_VIEW_TAG = 1;
