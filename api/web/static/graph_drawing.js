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
//  - A layer left blank by the last frame (edges and labels while the camera moves) is not cleared
//    again: every WebGL canvas touched in a frame is read back and composited anew.
// These override sigma internals (Program#render's pickProgram, Sigma#resetWebGLTexture, #clear and
// the layer methods it pairs with): check them when bumping sigma in api/web/vendor.json.
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

  const GL_LAYERS = ["edges", "hoverNodes"], CANVAS_LAYERS = ["labels", "hovers", "edgeLabels"];

  class LargeNetworkSigma extends Sigma {
    constructor(graph, container, settings) {
      super(graph, container, {
        ...settings,
        nodeProgramClasses: {circle: PointNodes},
        edgeProgramClasses: {line: LineEdges, arrow: LineEdges},
      });
    }

    // The layers with something on them since they were last cleared (the nodes layer always has).
    drawnOn(...layers) {
      if (!this.drawnLayers) this.drawnLayers = new Set([...GL_LAYERS, ...CANVAS_LAYERS]);
      layers.forEach((layer) => this.drawnLayers.add(layer));
      return this.drawnLayers;
    }

    render() {
      const edges = !this.getSetting("hideEdgesOnMove") || !isMoving(this);
      super.render();
      if (edges && this.graph.size) this.drawnOn("edges");
      return this;
    }

    renderLabels() { this.drawnOn("labels"); return super.renderLabels(); }

    renderEdgeLabels() { this.drawnOn("edgeLabels"); return super.renderEdgeLabels(); }

    renderHighlightedNodes() { this.drawnOn("hovers", "hoverNodes"); return super.renderHighlightedNodes(); }

    clear() {
      this.emit("beforeClear");
      const drawn = this.drawnOn(), gl = this.webGLContexts;
      gl.nodes.bindFramebuffer(WebGLRenderingContext.FRAMEBUFFER, null);
      gl.nodes.clear(WebGLRenderingContext.COLOR_BUFFER_BIT);
      GL_LAYERS.filter((layer) => drawn.has(layer)).forEach((layer) => {
        gl[layer].bindFramebuffer(WebGLRenderingContext.FRAMEBUFFER, null);
        gl[layer].clear(WebGLRenderingContext.COLOR_BUFFER_BIT);
      });
      CANVAS_LAYERS.filter((layer) => drawn.has(layer))
        .forEach((layer) => this.canvasContexts[layer].clearRect(0, 0, this.width, this.height));
      drawn.clear();
      this.emit("afterClear");
      return this;
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
