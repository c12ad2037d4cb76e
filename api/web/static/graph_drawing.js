// Drawing large networks with sigma.js (vendored 3.0.3) at an interactive frame rate, also where
// WebGL runs in software (no GPU, headless browsers, remote desktops). Measured in bench/workspace.py:
// what a frame costs there is the number of WebGL primitives sigma sends, not the JavaScript.
//  - Nodes are GL points and edges GL lines: one vertex per node, two per edge, in one draw call
//    each (sigma's default circle and rectangle programs draw an instanced quad per item, which a
//    software rasteriser handles one instance at a time).
//  - While the camera moves, nodes are drawn without their picking layer (the hidden copy sigma
//    draws to find the node under the mouse): nobody clicks mid-move, and sigma draws the still
//    frame that ends every move in full, picking included.
//  - The picking texture is kept from frame to frame and cleared, not reallocated at every frame.
// These touch two of sigma's internals (Program#render's pickProgram, Sigma#resetWebGLTexture):
// check them when bumping sigma in api/web/vendor.json.
(function () {
  "use strict";

  function isMoving(renderer) {
    const captor = renderer.getMouseCaptor();
    return renderer.getCamera().isAnimated() || captor.isMoving || captor.draggedEvents || captor.currentWheelDirection;
  }

  function withoutPickingWhileMoving(ProgramClass) {
    return class extends ProgramClass {
      render(params) {
        const picking = this.pickProgram;
        if (!picking || !isMoving(this.renderer)) { super.render(params); return; }
        this.pickProgram = null;
        try { super.render(params); } finally { this.pickProgram = picking; }
      }
    };
  }

  const PointNodes = withoutPickingWhileMoving(Sigma.rendering.NodePointProgram);
  const LineEdges = withoutPickingWhileMoving(Sigma.rendering.EdgeLineProgram);

  class LargeNetworkSigma extends Sigma {
    constructor(graph, container, settings) {
      super(graph, container, {
        ...settings,
        nodeProgramClasses: {circle: PointNodes},
        edgeProgramClasses: {line: LineEdges, arrow: LineEdges},
      });
    }

    resetWebGLTexture(id) {
      const gl = this.webGLContexts[id], texture = this.textures[id];
      if (!texture || texture.width !== this.width || texture.height !== this.height) {
        super.resetWebGLTexture(id);
        Object.assign(this.textures[id], {width: this.width, height: this.height});
        return this;
      }
      gl.bindFramebuffer(gl.FRAMEBUFFER, this.frameBuffers[id]);
      gl.clear(gl.COLOR_BUFFER_BIT);
      return this;
    }
  }

  window.LargeNetworkSigma = LargeNetworkSigma;
})();
